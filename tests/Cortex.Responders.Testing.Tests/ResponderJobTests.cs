using Cortex.Responders;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Testing.Tests;

/// <summary>The testing helper gives authors what Cortex would see, on the responders declared below.</summary>
[TestFixture]
public sealed class ResponderJobTests
{
    [Test]
    public async Task FileIsRunByteForByteSoBrokenFixturesFailAsInCortex()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "{\"dataType\": ");

            var result = await ResponderJob.RunInputFileAsync<JobDirectoryResponder>(file);

            result.Success.Should().BeFalse();
            result.ErrorMessage.Should().StartWith("the job input (").And.Contain("input/input.json) is not valid JSON");
            result.Output!.ContainsKey("input").Should().BeFalse();
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task FixtureRunsInAJobFolderThatIsRemovedAfterwards()
    {
        var input = JObject.Parse(File.ReadAllText(Repository.Fixture("thehive-case-task-log.json")));
        input["config"] = new JObject();

        var result = await ResponderJob.RunAsync<JobDirectoryResponder>(input, new() { Environment = new Dictionary<string, string>() });

        var jobDirectory = (string?)result.Full!["jobDirectory"];
        jobDirectory.Should().StartWith(Path.GetTempPath());
        Directory.Exists(jobDirectory).Should().BeFalse();
    }

    [Test]
    public async Task ResultOfAFailureHasNoReportAndNoOperations()
    {
        var result = await ResponderJob.RunAsync<TaggingErrorResponder>(new JObject
        {
            ["data"] = new JObject { ["_type"] = "Case", ["title"] = "Phishing report" },
            ["dataType"] = DataTypes.Case,
            ["config"] = new JObject { ["message"] = "nope", ["tags"] = new JArray("x") },
        });

        result.Full.Should().BeNull();
        result.Operations.Should().BeEmpty();
        result.ErrorMessage.Should().Be("nope");
        result.OutputText.Should().StartWith("{\"success\":false,");
    }

    private sealed class JobDirectoryResponder : Responder
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Report(new JObject { ["jobDirectory"] = JobDirectory });
            return Task.CompletedTask;
        }
    }

    /// <summary>Fails with config.message, and would tag the case with each of config.tags had it reported.</summary>
    private sealed class TaggingErrorResponder : Responder
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Error(GetParam<string>("config.message")!);
            return Task.CompletedTask;
        }

        protected override IEnumerable<Operation> Operations(JObject full) => GetParam<string[]>("config.tags", [])!.Select(Operation.AddTagToCase);
    }
}
