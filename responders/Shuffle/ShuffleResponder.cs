using System.Net;
using System.Net.Http.Headers;
using Cortex.Responders;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Shuffle;

/// <summary>
/// A drop-in for Cortex-Analyzers' Shuffle responder (its flavor and configuration): it POSTs the TheHive object
/// of the job (case, alert, observable, task or log) as JSON to <c>&lt;url&gt;/api/v1/workflows/&lt;workflow_id&gt;/execute</c>
/// with the user's API key as a bearer token. As in the original, only a 200 answer is a started workflow;
/// unlike it, a 200 whose body says <c>"success": false</c> is an error too, and every error names the request.
/// </summary>
public sealed class ShuffleResponder : Responder
{
    /// <summary>The field of Shuffle's answer that says whether the execution started.</summary>
    private const string Started = "success";

    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    /// <summary>Each request's timeout; tests shorten it.</summary>
    internal static TimeSpan? RequestTimeout { get; set; }

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        var baseUrl = RequireParam<string>(
            "config.url",
            "url is missing: set the address of your Shuffle instance (e.g. https://shuffler.io) in the responder's configuration").Trim();
        var apiKey = RequireParam<string>("config.api_key", "api_key is missing: set the API key of your Shuffle user in the responder's configuration").Trim();
        var workflow = RequireParam<string>("config.workflow_id", "workflow_id is missing: set the id of the Shuffle workflow to execute in the responder's configuration").Trim();
        if (apiKey.Length == 0 || workflow.Length == 0)
        {
            throw Fail($"{(apiKey.Length == 0 ? "api_key" : "workflow_id")} is empty: set it in the responder's configuration");
        }

        var data = GetData();
        using var http = CreateHttp(RequestTimeout);
        http.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        var url = $"{baseUrl.TrimEnd('/')}/api/v1/workflows/{Uri.EscapeDataString(workflow)}/execute";
        var body = CortexJson.Serialize(data);

        RecordAction($"asked Shuffle to execute workflow {workflow}");
        using var response = await http.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) { Headers = { ContentType = Json } } },
            cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw Fail($"POST {url} answered {(int)response.StatusCode} {response.ReasonPhrase}: Shuffle starts a workflow with 200, check the workflow's id and its trigger");
        }

        var answer = await ReadAnswerAsync(http, response, cancellationToken);
        if (answer?[Started] is JValue { Type: JTokenType.Boolean } ok && !(bool)ok)
        {
            var reason = answer["reason"] is JValue { Type: JTokenType.String } why ? (string)why! : "no reason given";
            throw Fail($"Shuffle did not execute workflow {workflow} (200 with success false: {reason}): check the workflow's id and that the API key's user may run it");
        }

        var result = new JObject { ["Message"] = $"Shuffle executed workflow {workflow}", ["workflow_id"] = workflow };
        if (answer?["execution_id"] is JValue { Type: JTokenType.String } execution)
        {
            result["execution_id"] = execution;
        }

        Report(result);
    }

    /// <summary>The answer's JSON object (the report keeps the original's <c>Message</c> key), or null when it is empty or not an object (the original read no body).</summary>
    private static async Task<JObject?> ReadAnswerAsync(Cortex.Responders.Network.JobHttp http, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var type = response.Content.Headers.ContentType?.MediaType;
        if (type is null || !type.EndsWith("json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return await http.ReadJsonAsync(response, cancellationToken) as JObject;
    }
}
