using Cortex.Responders;
using Newtonsoft.Json.Linq;

namespace Acme.Responder;

/// <summary>RESPONDER_DESCRIPTION</summary>
public sealed class AcmeResponderNameResponder : Responder
{
    protected override Task RunAsync(CancellationToken cancellationToken)
    {
        // GetParam reads a dotted path of the job input. Without a message a missing value gives the default;
        // with one, it ends the job with that error (success: false) and the code below never runs.
        var subject = GetParam<string>("data.title") ?? GetParam<string>("data.data") ?? GetParam<string>("data.message", message: "This job's TheHive object has no title, data or message")!;
//#if (withConfig)
        var apiUrl = GetParam<string>("config.api_url", message: "api_url is missing: set it in the responder's configuration in Cortex")!;
        if (!Uri.TryCreate(apiUrl, UriKind.Absolute, out var api) || api.Scheme is not ("https" or "http"))
        {
            // Error ends the job: one line that says what to fix. The api_key is masked in what Cortex stores.
            Error($"api_url must be an http(s) URL, not \"{apiUrl}\"");
        }

        // Call your service here with CreateHttpClient(): it honours the job's proxies and CA certificates.
        // Error and GetParam(…, message:) end the job with a JobStoppedException: a catch-all must let it through.
        //   try
        //   {
        //       using var http = CreateHttpClient();
        //       var response = await http.PostAsync(new Uri(api, "respond"), content, cancellationToken);
        //   }
        //   catch (Exception e) when (e is not JobStoppedException)
        //   {
        //       Error($"the service refused: {e.Message}");
        //   }
//#endif
        Report(new JObject { ["message"] = $"responded to {subject}", ["dataType"] = DataType });
        return Task.CompletedTask;
    }

    /// <summary>What TheHive applies after a report: a tag on the object, with the operation TheHive applies there (AddTagToAlert on an alert…).</summary>
    protected override IEnumerable<Operation> Operations(JObject full) => [Operation.AddTag(DataType, "responded")];
}
