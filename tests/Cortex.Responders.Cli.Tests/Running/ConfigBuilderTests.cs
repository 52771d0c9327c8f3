using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Cli.Tests.Running;

/// <summary>How `run` builds the job's configuration from the flavor and `--config`, and refuses what Cortex would.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class ConfigBuilderTests
{
    [TestCase("to", "[1]", "\"to\" takes string values")]
    [TestCase("retries", "three", "\"retries\" is a number")]
    [TestCase("nope", "1", "the flavor has no configuration item \"nope\"")]
    public async Task ConfigurationCortexWouldRefuse(string key, string value, string message)
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "touch ran");
        var flavor = root.WriteFlavor(ResponderRoot.Flavor());

        var (code, output, _) = await Cli.RunAsync("run", flavor, "-i", Repository.Fixture("thehive-case.json"), "--config", $"{key}={value}");

        code.Should().Be(1);
        output.Should().Contain(message).And.Contain("verdict: Cortex would refuse this job");
        File.Exists(Path.Combine(root.Path, "ran")).Should().BeFalse("a refused job never runs");
    }

    [Test]
    public async Task RequiredItemWithoutValueIsRefused()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "exit 0");
        var definition = ResponderRoot.Flavor();
        ((JObject)definition["configurationItems"]![0]!).Remove("defaultValue");
        var flavor = root.WriteFlavor(definition);

        var (code, output, _) = await Cli.RunAsync("run", flavor, "-i", Repository.Fixture("thehive-case.json"));

        code.Should().Be(1);
        output.Should().Contain("\"api_url\" is required and has no default: give --config api_url=");
    }
}
