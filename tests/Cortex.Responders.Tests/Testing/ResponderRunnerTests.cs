using Cortex.Responders.Probe;
using Cortex.Responders.Testing;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Tests.Testing;

/// <summary>The testing helper gives authors what Cortex would see.</summary>
[TestFixture]
public sealed class ResponderRunnerTests
{
    [Test]
    public async Task FileIsRunByteForByteSoBrokenFixturesFailAsInCortex()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "{\"dataType\": ");

            var result = await ResponderRunner.RunFileAsync<ProbeResponder>(file);

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
        input["config"] = new JObject { ["probe"] = "env", ["name"] = "X", ["default"] = "-" };

        var result = await ResponderRunner.RunAsync<ProbeResponder>(input, new() { Environment = new Dictionary<string, string>() });

        var jobDirectory = (string?)result.Full!["jobDirectory"];
        jobDirectory.Should().StartWith(Path.GetTempPath());
        Directory.Exists(jobDirectory).Should().BeFalse();
    }

    [Test]
    public async Task ResultOfAFailureHasNoReportAndNoOperations()
    {
        var result = await Probe.RunAsync(new JObject { ["probe"] = "error", ["message"] = "nope", ["tags"] = new JArray("x") });

        result.Full.Should().BeNull();
        result.Operations.Should().BeEmpty();
        result.ErrorMessage.Should().Be("nope");
        result.OutputText.Should().StartWith("{\"success\":false,");
    }
}
