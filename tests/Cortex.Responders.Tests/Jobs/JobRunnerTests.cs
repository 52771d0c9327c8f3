using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Tests.Jobs;

/// <summary>One output per job, whatever the responder does.</summary>
[TestFixture]
public sealed class JobRunnerTests
{
    [Test]
    public async Task FullReportThatIsNotAnObjectIsAnError()
    {
        var result = await Probe.RunAsync(JObject.Parse("""{"probe": "report", "full": [1, 2]}"""));

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().Be(
            "the full report must be a JSON object, but Report was given an array: wrap it, e.g. new JObject { [\"result\"] = value }");
    }

    [Test]
    public async Task OperationsAreComputedFromTheFullReport()
    {
        var result = await Probe.RunAsync(JObject.Parse("""{"probe": "report", "tags": ["mail sent", "é"]}"""));

        result.Operations.Select(o => o.ToString(Newtonsoft.Json.Formatting.None)).Should().Equal(
            """{"type":"AddTagToCase","tag":"mail sent"}""", """{"type":"AddTagToCase","tag":"é"}""");
    }

    [Test]
    public async Task OperationsThatThrowGiveNoOperationAndAWarning()
    {
        var result = await Probe.RunAsync(JObject.Parse("""{"probe": "report", "operations_throw": true}"""));

        result.Success.Should().BeTrue();
        result.Operations.Should().BeEmpty();
        result.Log.Should().Contain("warning: Operations failed, the report goes without operations: InvalidOperationException: operations failed");
    }

    [Test]
    public async Task SecondReportIsIgnoredAndSaid()
    {
        var result = await Probe.RunAsync(new JObject { ["probe"] = "report-twice" });

        result.Full!.ContainsKey("first").Should().BeTrue();
        result.ExitCode.Should().Be(0);
        result.Log.Should().Contain("report ignored: this job already has its output");
    }

    [Test]
    public async Task ErrorAfterAReportKeepsTheReportButExitsNonZero()
    {
        var result = await Probe.RunAsync(new JObject { ["probe"] = "report-then-error" });

        result.Success.Should().BeTrue();
        result.ExitCode.Should().Be(1);
        result.Log.Should().Contain("error \"too late\" ignored");
    }

    [Test]
    public async Task ErrorStaysTheOutputEvenWhenTheAuthorCatchesItAndReports()
    {
        var result = await Probe.RunAsync(new JObject { ["probe"] = "error-then-report" });

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().Be("first error");
        result.ExitCode.Should().Be(1);
    }

    [Test]
    public async Task EscapingExceptionBecomesAOneLineErrorNamingIt()
    {
        var result = await Probe.RunAsync(new JObject { ["probe"] = "throw", ["message"] = "upstream refused" });

        result.ErrorMessage.Should().Be("InvalidOperationException: upstream refused second line");
        result.ExitCode.Should().Be(1);
        result.Log.Should().Contain("at Cortex.Responders.Probe.ProbeResponder", "the stack trace goes to the log");
    }

    [Test]
    public async Task ExceptionAfterTheReportKeepsTheReportButExitsNonZero()
    {
        var result = await Probe.RunAsync(new JObject { ["probe"] = "throw-after-report" });

        result.Success.Should().BeTrue();
        result.ExitCode.Should().Be(1);
        result.Log.Should().Contain("exception after the job's output was written: InvalidOperationException: after the report");
    }

    [Test]
    public async Task ReturningWithoutReportIsAnError()
    {
        var result = await Probe.RunAsync(new JObject { ["probe"] = "no-report" });

        result.ErrorMessage.Should().Be("ProbeResponder finished without a report: call Report(full) or Error(message) before RunAsync returns");
    }

    [Test]
    public async Task TimeoutCancelsTheTokenAndWritesTheErrorAtOnce()
    {
        var result = await Probe.RunAsync(new JObject { ["probe"] = "sleep" }, new() { Timeout = TimeSpan.FromMilliseconds(200) });

        result.ErrorMessage.Should().Be("cancelled: the job reached its timeout");
        result.ExitCode.Should().Be(1);
        result.Log.Should().Contain("info: probe: token cancelled", "the responder's token fired");
    }

    [Test]
    public async Task ResponderIgnoringCancellationStillEndsWithTheTimeoutError()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = await Probe.RunAsync(new JObject { ["probe"] = "ignore-cancel", ["seconds"] = 20 }, new() { Timeout = TimeSpan.FromMilliseconds(200) });

        result.ErrorMessage.Should().Be("cancelled: the job reached its timeout");
        started.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15), "the run ends after the grace period, not after the responder's 20 s");
    }

    [Test]
    public async Task LoggerWritesToTheLogNotTheOutput()
    {
        var result = await Probe.RunAsync(new JObject { ["probe"] = "print" });

        result.Success.Should().BeTrue();
        result.Log.Should().Contain("info: a log line");
        result.OutputText.Should().NotContain("a log line");
    }

    [Test]
    public async Task InputDatesAndNumbersAreKeptAsSent()
    {
        var full = JObject.Parse("""{"when": "2020-06-26T07:32:00Z", "big": 12345678901234567890, "pi": 3.14159}""");

        var result = await Probe.RunAsync(new JObject { ["probe"] = "report", ["full"] = full });

        result.OutputText.Should().Contain("\"when\":\"2020-06-26T07:32:00Z\"").And.Contain("12345678901234567890").And.Contain("3.14159");
    }

    [Test]
    public async Task FullReportHoldingSomethingThatIsNotJsonIsAnError()
    {
        var result = await Probe.RunAsync(new JObject { ["probe"] = "report-raw" });

        result.ErrorMessage.Should().Be("the full report holds a value that is not JSON at nested.bad (JRaw, undefined, a constructor, NaN or an infinity): Cortex would reject the output");
    }
}
