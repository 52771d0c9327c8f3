using FluentAssertions;
using NUnit.Framework;

namespace Cortex.Responders.Cli.Tests;

/// <summary>The command line as a whole: every verb's usage error goes to standard error with exit code 2.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class CortexResponderCliTests
{
    [TestCase(TestName = "no verb")]
    [TestCase("bogus", TestName = "unknown verb")]
    [TestCase("validate", TestName = "validate without a path")]
    [TestCase("validate", "/nonexistent/flavor.json", TestName = "validate on a missing path")]
    [TestCase("validate", ".", "--bogus", TestName = "validate with an unknown option")]
    [TestCase("run", TestName = "run without a flavor")]
    [TestCase("run", "flavor.json", TestName = "run without an input")]
    [TestCase("run", "flavor.json", "-i", "x.json", "--tlp", "amber", TestName = "run with a bad TLP")]
    [TestCase("catalog", TestName = "catalog without a root")]
    [TestCase("catalog", "/nonexistent", TestName = "catalog on a missing root")]
    [TestCase("catalog", ".", "--tag", TestName = "catalog with an option lacking its value")]
    [TestCase("image", TestName = "image without a root")]
    [TestCase("image", "/nonexistent", TestName = "image on a missing root")]
    [TestCase("image", ".", "--user", "cortex", TestName = "image with a user that is no UID")]
    [TestCase("run", "flavor.json", "-i", "x.json", "--runner", "nomad", TestName = "run with a runner Cortex does not have")]
    public async Task UsageErrorsGoToStandardErrorWithExitCode2(params string[] args)
    {
        var (code, output, error) = await Cli.RunAsync(args);

        code.Should().Be(2);
        output.Should().BeEmpty("a usage error is never mixed with a report");
        var verb = args.Length > 0 && args[0] is "validate" or "run" or "catalog" or "image" ? $"cortex-responder {args[0]}" : "cortex-responder";
        error.Should().StartWith($"{verb}: ").And.EndWith($"Run {verb} --help for usage.\n");
    }
}
