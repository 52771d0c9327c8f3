using System.Security.Cryptography;
using Cortex.Responders;
using Newtonsoft.Json.Linq;

namespace Acme.Analyzer;

/// <summary>ANALYZER_DESCRIPTION</summary>
public sealed class AcmeAnalyzerNameAnalyzer : Analyzer
{
    // What the worked lookup knows: an observable (or a file's SHA-256) and the domain it was seen with.
    // Replace it with the answer of your service.
    private static readonly Dictionary<string, string> Listed = new(StringComparer.OrdinalIgnoreCase)
    {
        ["198.51.100.7"] = "update.badcorp.example",
        ["badcorp.example"] = "update.badcorp.example",
    };

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        // GetObservable is the observable (for a file, its name in TheHive); a missing one ends the job with an error.
        var observable = GetObservable();
        var full = new JObject { ["observable"] = observable, ["dataType"] = DataType };
        var key = observable;
        if (DataType == ObservableTypes.File)
        {
            // Cortex sends a file only when "file" is in the flavor's dataTypeList; it waits in the job's input/ folder.
            // Error, Fail and RequireParam end the job with a JobStoppedException: a catch-all must let it through (CORTEX001).
            try
            {
                var file = GetInputFile();
                await using var stream = file.OpenRead();
                key = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
                full["sha256"] = key;
                full["size"] = file.Length;
                full["contentType"] = file.ContentType;
            }
            catch (Exception e) when (e is not JobStoppedException and not OperationCanceledException)
            {
                Error($"the input file cannot be read: {e.Message}");
            }
        }
//#if (withConfig)

        // RequireParam reads a dotted path of the job input; a missing value ends the job with its message.
        var apiUrl = RequireParam<string>("config.api_url", "api_url is missing: set it in the analyzer's configuration in Cortex");
        if (!Uri.TryCreate(apiUrl, UriKind.Absolute, out var api) || api.Scheme is not ("https" or "http"))
        {
            // throw Fail(…) ends the job, as Error does: one line that says what to fix. The api_key is masked in what Cortex stores.
            throw Fail($"api_url must be an http(s) URL, not \"{apiUrl}\"");
        }

        // Query your service here with CreateHttp(): the job's proxies and CA certificates; an answer that is not
        // 2xx (but the 404 you accept) ends the job with an error naming the URL, the status and a scrubbed excerpt;
        // 429 and 503 are retried as Retry-After says. Test it against Cortex.Responders.Testing.Http.HttpPeer.
        //   using var http = CreateHttp();
        //   using var answer = await http.SendAsync(
        //       () => new HttpRequestMessage(HttpMethod.Get, new Uri(api, Uri.EscapeDataString(key))), cancellationToken, HttpStatusCode.NotFound);
        //   var found = answer.StatusCode != HttpStatusCode.NotFound ? await http.ReadJsonAsync(answer, cancellationToken) : null;
//#endif

        var listed = Listed.TryGetValue(key, out var seenWith);
        full["listed"] = listed;
        if (listed)
        {
            // Every string of the report is searched for observables (the default Artifacts): this domain becomes one.
            full["seenWith"] = seenWith;
        }

        Report(full);
    }

    /// <summary>What TheHive shows beside the observable: one taxonomy, AcmeAnalyzerName:Listed="true|false".</summary>
    protected override JObject Summary(JObject full)
    {
        var listed = (bool)full["listed"]!;
        return JobReport.SummaryOf([BuildTaxonomy(listed ? TaxonomyLevels.Malicious : TaxonomyLevels.Safe, "AcmeAnalyzerName", "Listed", listed)]);
    }
}
