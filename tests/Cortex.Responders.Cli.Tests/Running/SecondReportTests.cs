using Cortex.Responders.TestSupport;
using FluentAssertions;
using NUnit.Framework;

namespace Cortex.Responders.Cli.Tests.Running;

/// <summary>
/// A worker that reports twice: the library writes the first output and says on stderr that it ignored the second
/// (JobOutput's "… ignored: this job already has its output" line); `run` turns that line into a warning of the verdict.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class SecondReportTests
{
    private const string Report = """{"success":true,"full":{"message":"done"},"operations":[]}""";

    [Test]
    public async Task SecondReportIsAWarningOfASuccessfulVerdict()
    {
        using var root = new ResponderRoot();
        root.WriteScript(
            "Acme/run.sh",
            $"printf '{Report}' > \"$1/output/output.json\"; "
            + "echo 'warning: report ignored: this job already has its output (the first Report or Error wins)' >&2");
        var flavor = root.WriteFlavor(ResponderRoot.Flavor());

        var (code, output, _) = await Cli.RunAsync("run", flavor, "-i", Repository.Fixture("thehive-case.json"));

        code.Should().Be(0, output);
        output.Should().Contain("verdict: success")
            .And.Contain("warning: the worker reported more than once: Cortex keeps the first output");
    }

    [Test]
    public async Task OneReportHasNoSuchWarning()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", $"printf '{Report}' > \"$1/output/output.json\"");
        var flavor = root.WriteFlavor(ResponderRoot.Flavor());

        var (code, output, _) = await Cli.RunAsync("run", flavor, "-i", Repository.Fixture("thehive-case.json"));

        code.Should().Be(0, output);
        output.Should().NotContain("more than once");
    }
}
