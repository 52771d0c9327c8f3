using Cortex.Responders;
using Newtonsoft.Json.Linq;

namespace Acme.Responder;

/// <summary>RESPONDER_DESCRIPTION</summary>
public sealed class AcmeResponderNameResponder : Responder
{
    protected override Task RunAsync(CancellationToken cancellationToken)
    {
        // RequireParam reads a dotted path of the job input and ends the job with its message when the value is
        // missing (success: false; the code below never runs); GetParam gives a default instead.
        var subject = GetParam<string>("data.title") ?? GetParam<string>("data.data") ?? RequireParam<string>("data.message", "This job's TheHive object has no title, data or message");
//#if (withConfig)
        var apiUrl = RequireParam<string>("config.api_url", "api_url is missing: set it in the responder's configuration in Cortex");
        if (!Uri.TryCreate(apiUrl, UriKind.Absolute, out var api) || api.Scheme is not ("https" or "http"))
        {
            // throw Fail(…) ends the job, as Error does: one line that says what to fix. The api_key is masked in what Cortex stores.
            throw Fail($"api_url must be an http(s) URL, not \"{apiUrl}\"");
        }

        // Call your service here with CreateHttp(): the job's proxies and CA certificates; an answer that is not
        // 2xx ends the job with an error naming the URL, the status and a scrubbed excerpt of the body; 429 and
        // 503 are retried as Retry-After says. Test it against Cortex.Responders.Testing.Http.HttpPeer.
        //   using var http = CreateHttp();
        //   http.Authorization = new AuthenticationHeaderValue("Bearer", RequireParam<string>("config.api_key", "api_key is missing"));
        //   var answer = await http.PostJsonAsync(new Uri(api, "respond").ToString(), GetData(), cancellationToken);
        // Error, Fail and RequireParam end the job with a JobStoppedException: a catch-all must let it through,
        // catch (Exception e) when (e is not JobStoppedException) (the CORTEX001 warning says so).
//#endif
        Report(new JObject { ["message"] = $"responded to {subject}", ["dataType"] = DataType });
        return Task.CompletedTask;
    }

    /// <summary>What TheHive applies after a report: a tag on the object, with the operation TheHive applies there (AddTagToAlert on an alert…).</summary>
    protected override IEnumerable<Operation> Operations(JObject full) => [Operation.AddTag(DataType, "responded")];
}
