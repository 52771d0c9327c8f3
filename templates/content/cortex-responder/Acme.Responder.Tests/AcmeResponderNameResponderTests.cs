using Cortex.Responders.Testing;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Acme.Responder.Tests;

/// <summary>The responder run in-process on sample jobs, as Cortex would run it.</summary>
public sealed class AcmeResponderNameResponderTests
{
    private static readonly string Jobs = Path.Combine(AppContext.BaseDirectory, "jobs");

    /// <summary>One sample job (jobs/*.json, shaped as Cortex writes input/input.json) per TheHive type the responder accepts.</summary>
    public static IEnumerable<TestCaseData> SampleJobs() =>
        Directory.GetFiles(Jobs, "*.json").Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(Path.GetFileName(path)).SetName($"ReportsAndTags({Path.GetFileNameWithoutExtension(path)})"));

    [TestCaseSource(nameof(SampleJobs))]
    public async Task ReportsAndTags(string job)
    {
        var input = JObject.Parse(await File.ReadAllTextAsync(Path.Combine(Jobs, job)));
        var data = input["data"]!;
        var subject = (string?)data["title"] ?? (string?)data["data"] ?? (string?)data["message"];

        var result = await ResponderJob.RunAsync<AcmeResponderNameResponder>(input);

        result.Success.Should().BeTrue(result.ErrorMessage);
        ((string?)result.Full!["message"]).Should().Be($"responded to {subject}");
        // The tag goes where TheHive applies it after a job on this type (AddTagToAlert on an alert…).
        var tag = (string?)input["dataType"] switch
        {
            "thehive:alert" => "AddTagToAlert",
            "thehive:case_artifact" => "AddTagToArtifact",
            _ => "AddTagToCase",
        };
        // JSON compared as JSON (FluentAssertions' BeEquivalentTo would pass on any values under the same keys).
        JToken.DeepEquals(new JArray(result.Operations), JArray.Parse($$"""[{"type":"{{tag}}","tag":"responded"}]""")).Should().BeTrue(result.OutputText);
    }

    [Test]
    public async Task TlpAboveTheMaximumIsRefused()
    {
        var input = await SampleAsync();
        input["tlp"] = 3;

        var result = await ResponderJob.RunAsync<AcmeResponderNameResponder>(input);

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().Be("TLP is higher than allowed.");
    }
//#if (withConfig)

    [Test]
    public async Task MissingApiUrlSaysWhatToFixAndHidesTheKey()
    {
        var input = await SampleAsync();
        ((JObject)input["config"]!).Remove("api_url");

        var result = await ResponderJob.RunAsync<AcmeResponderNameResponder>(input);

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().StartWith("api_url is missing");
        result.OutputText.Should().NotContain("sample-key");
    }
//#endif

    private static async Task<JObject> SampleAsync() =>
        JObject.Parse(await File.ReadAllTextAsync(Directory.GetFiles(Jobs, "*.json").Order(StringComparer.Ordinal).First()));
}
