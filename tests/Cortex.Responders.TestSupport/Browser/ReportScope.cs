using Newtonsoft.Json.Linq;

namespace Cortex.Responders.TestSupport.Browser;

/// <summary>
/// The scope TheHive gives a long-report template: <c>content</c> (the report's <c>full</c>, or for a failed job the
/// error with its <c>errorMessage</c>), <c>success</c>, <c>status</c> and <c>artifact</c> (the observable analysed).
/// </summary>
/// <param name="Content">What the template reads as <c>content</c>.</param>
/// <param name="Success">Whether the job succeeded.</param>
/// <param name="Status">TheHive's job status: <c>Success</c> or <c>Failure</c>.</param>
/// <param name="Artifact">The observable: <c>dataType</c> and <c>data</c>, or for a file <c>attachment.name</c>.</param>
public sealed record ReportScope(JToken Content, bool Success, string Status, JObject Artifact)
{
    /// <summary>The scope of a job that Cortex ran on <paramref name="input"/> and that wrote <paramref name="output"/>.</summary>
    public static ReportScope Of(JObject input, JObject output)
    {
        var success = output[ReportKeys.Success]?.Type == JTokenType.Boolean && (bool)output[ReportKeys.Success]!;
        JToken content = success
            ? output[ReportKeys.Full] ?? new JObject()
            : new JObject { [ReportKeys.ErrorMessage] = output[ReportKeys.ErrorMessage], [ReportKeys.Input] = output[ReportKeys.Input] };
        return new ReportScope(content, success, success ? "Success" : "Failure", ArtifactOf(input));
    }

    private static JObject ArtifactOf(JObject input)
    {
        var artifact = new JObject { [ArtifactKeys.DataType] = input[ArtifactKeys.DataType] };
        if (input[ArtifactKeys.Filename] is { } name)
        {
            artifact["attachment"] = new JObject { ["name"] = name };
        }
        else
        {
            artifact[ArtifactKeys.Data] = input[ArtifactKeys.Data];
        }

        return artifact;
    }
}
