using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Cli.Tests.Running;

/// <summary>`run`'s options and job arguments: each wrong shape is a usage error before anything runs.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class RunArgumentsTests
{
    [TestCase("--cacerts", "/nonexistent/ca.pem", "--cacerts /nonexistent/ca.pem: no such file")]
    [TestCase("--timeout", "-5", "--timeout must be a number of seconds above 0")]
    [TestCase("--timeout", "1e12", "--timeout must be a number of seconds above 0 and up to 86400")]
    [TestCase("--tlp", "5", "--tlp must be a whole number from 0 to 4 (TLP), not 5")]
    [TestCase("--tlp", "amber", "--tlp must be a whole number from 0 to 4 (TLP), not amber")]
    [TestCase("--pap", "-1", "--pap must be a whole number from 0 to 4 (PAP), not -1")]
    [TestCase("--config", "api_url", "--config api_url: expected key=value")]
    [TestCase("--config", "=x", "--config =x: expected key=value")]
    [TestCase("--data-type", "thehive:casee", "thehive:casee")]
    public async Task BadOptionValuesAreUsageErrorsBeforeAnythingRuns(string option, string value, string message)
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "touch ran");
        var flavor = root.WriteFlavor(ResponderRoot.Flavor());

        var (code, output, error) = await Cli.RunAsync("run", flavor, "-i", Repository.Fixture("thehive-case.json"), option, value);

        code.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().StartWith("cortex-responder run:").And.Contain(message);
        File.Exists(Path.Combine(root.Path, "ran")).Should().BeFalse();
    }

    [Test]
    public async Task MissingFlavorFileExitsWith2()
    {
        var (code, output, error) = await Cli.RunAsync("run", "/nonexistent/flavor.json", "-i", Repository.Fixture("thehive-case.json"));

        code.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Contain("flavor /nonexistent/flavor.json: no such file");
    }

    [TestCase(new string[0], "give the job: --input <job input or TheHive object>, or for an analyzer --data <value> with --data-type, or --file <path>", TestName = "no job at all")]
    [TestCase(new[] { "--data", "198.51.100.7" }, "--data needs --data-type, an observable type other than file", TestName = "a value without its data type")]
    [TestCase(new[] { "--data", "198.51.100.7", "--data-type", "thehive:case" }, ", not thehive:case; a TheHive object goes in a file given with --input", TestName = "a value of a TheHive object type")]
    [TestCase(new[] { "--data", "x", "--data-type", "file" }, ", not file; a TheHive object goes in a file given with --input, a file with --file", TestName = "a value of type file")]
    [TestCase(new[] { "--data", "198.51.100.7", "--data-type", "ip", "--input", "FIXTURE" }, "give only one of --input, --data", TestName = "a value and an input")]
    [TestCase(new[] { "--file", "FLAVOR", "--data-type", "ip" }, "--file makes a job of data type file, not ip", TestName = "a file of another data type")]
    [TestCase(new[] { "--file", "/nonexistent/sample.bin" }, "--file /nonexistent/sample.bin: no such file", TestName = "a file that does not exist")]
    public async Task AnalyzerJobArgumentsOfTheWrongShapeAreUsageErrors(string[] job, string message)
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "touch ran");
        var flavor = root.WriteFlavor(ResponderRoot.AnalyzerFlavor());

        var (code, output, error) = await Cli.RunAsync(["run", flavor, .. job.Select(a => a == "FIXTURE" ? Repository.Fixture("thehive-case.json") : a == "FLAVOR" ? flavor : a)]);

        code.Should().Be(2, output);
        output.Should().BeEmpty();
        error.Should().StartWith("cortex-responder run: ").And.Contain(message);
        File.Exists(Path.Combine(root.Path, "ran")).Should().BeFalse();
    }
}
