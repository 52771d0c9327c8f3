using System.Net;
using Cortex.Responders;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.N8n;

/// <summary>
/// A drop-in for Cortex-Analyzers' n8n responder (its flavor and configuration): it POSTs the TheHive object of
/// the job (case, alert, observable, task or log) as JSON to the configured n8n webhook. As in the original,
/// only a 200 answer is a started workflow; every other answer, and a webhook that cannot be reached, is one
/// line naming the request and what n8n said.
/// </summary>
public sealed class N8nResponder : Responder
{
    private static readonly System.Net.Http.Headers.MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    /// <summary>Each request's timeout; tests shorten it.</summary>
    internal static TimeSpan? RequestTimeout { get; set; }

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        var webhook = RequireParam<string>(
            "config.webhook",
            "webhook is missing: set the n8n workflow's webhook URL (e.g. https://n8n.example.org/webhook/…) in the responder's configuration").Trim();
        if (!Uri.TryCreate(webhook, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw Fail("webhook is not an http(s) URL: set the n8n workflow's webhook URL, e.g. https://n8n.example.org/webhook/<path>");
        }

        var body = CortexJson.Serialize(GetData());
        using var http = CreateHttp(RequestTimeout);
        RecordAction($"sent the {DataType} to the n8n webhook {url.GetLeftPart(UriPartial.Path)}");
        using var response = await http.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) { Headers = { ContentType = Json } } },
            cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw Fail($"POST {url.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode} {response.ReasonPhrase}: "
                + "n8n starts a workflow with 200, check the webhook's response code");
        }

        var result = new JObject { ["Message"] = "n8n started the workflow of the webhook", ["webhook"] = url.GetLeftPart(UriPartial.Path) };
        if (response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.OrdinalIgnoreCase) == true
            && await http.ReadJsonAsync(response, cancellationToken) is { } answer)
        {
            result["answer"] = answer;
        }

        Report(result);
    }
}
