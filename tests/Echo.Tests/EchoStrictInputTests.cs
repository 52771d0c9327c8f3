using Cortex.Responders;
using System.Text;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using NUnit.Framework;

namespace Cortex.Workers.Responders.Echo.Tests;

/// <summary>
/// Input that Newtonsoft would accept but Cortex never writes is refused, in both transports, and the error
/// output is JSON that Cortex reads: nothing of the bad input is copied into it.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class EchoStrictInputTests
{
    private const string Command = "Echo/Echo";
    private static string root = string.Empty;

    public static IEnumerable<string> NotJson =>
    [
        """{"dataType": "thehive:case", "data": {"a": undefined}, "config": {"service": "echo"}}""",
        """{"dataType": "thehive:case", "data": {"a": new Date(1)}, "config": {"service": "echo"}}""",
        """{"dataType": "thehive:case", "data": {"a": new Foo()}, "config": {"service": "echo"}}""",
        """{"dataType": "thehive:case", "data": {"a": NaN}, "config": {"service": "echo"}}""",
        """{"dataType": "thehive:case", "data": {"a": -Infinity}, "config": {"service": "echo"}}""",
        """{"dataType": "thehive:case", "data": {"a": 0x1F}, "config": {"service": "echo"}}""",
        """{"dataType": "thehive:case", "data": {'a': 'b'}, "config": {"service": "echo"}}""",
        """{"dataType": "thehive:case", "data": {a: 1}, "config": {"service": "echo"}}""",
        """{"dataType": "thehive:case", "data": {"a": [1, 2,]}, "config": {"service": "echo"},}""",
        """{"dataType": "thehive:case", /* a comment */ "data": {"a": 1}, "config": {"service": "echo"}}""",
        """{"dataType": "thehive:case", "data": {"a": 1e999}, "config": {"service": "echo"}}""",
    ];

    [OneTimeSetUp]
    public async Task PublishEcho() => root = await PublishedResponders.PublishAsync("Echo");

    [TestCaseSource(nameof(NotJson))]
    public async Task NotJsonInTheInputFileEndsInAValidErrorOutput(string input)
    {
        using var job = CortexJob.Create(Encoding.UTF8.GetBytes(input));

        var run = await job.RunAsync(root, Command);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Output.Should().NotBeNull("output.json must be JSON Cortex reads: {0}", Encoding.UTF8.GetString(run.OutputBytes));
        run.Success.Should().BeFalse();
        run.ErrorMessage.Should().Contain("is not valid JSON as Cortex writes it");
        run.Output!.ContainsKey("input").Should().BeFalse("a malformed input is not copied back");
    }

    [TestCaseSource(nameof(NotJson))]
    public async Task NotJsonOnStandardInputEndsInAValidErrorOnStandardOutput(string input)
    {
        using var job = CortexJob.CreateEmpty();

        var run = await job.RunAsync(root, Command, standardInput: Encoding.UTF8.GetBytes(input));

        run.ExitCode.Should().Be(1, run.ToString());
        var report = CortexJob.ReadJson(run.StandardOutput);
        report.Should().NotBeNull("standard output must be JSON Cortex reads: {0}", run.StandardOutput);
        ((bool)report!["success"]!).Should().BeFalse();
        ((string?)report["errorMessage"]).Should().Contain("is not valid JSON as Cortex writes it");
        report.ContainsKey("input").Should().BeFalse();
    }
}
