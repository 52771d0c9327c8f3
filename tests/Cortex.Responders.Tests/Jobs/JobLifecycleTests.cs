using FluentAssertions;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Tests.Jobs;

/// <summary>One output per job, whatever the responder (declared below, one per behaviour) does.</summary>
[TestFixture]
public sealed class JobLifecycleTests
{
    [Test]
    public async Task FullReportThatIsNotAnObjectIsAnError()
    {
        var result = await TestJob.RunAsync<ReportingResponder>(JObject.Parse("""{"full": [1, 2]}"""));

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().Be(
            "the full report must be a JSON object, but Report was given an array: wrap it, e.g. new JObject { [\"result\"] = value }");
    }

    [Test]
    public async Task OperationsAreComputedFromTheFullReport()
    {
        var result = await TestJob.RunAsync<ReportingResponder>(JObject.Parse("""{"tags": ["mail sent", "é"]}"""));

        result.Operations.Select(o => o.ToString(Newtonsoft.Json.Formatting.None)).Should().Equal(
            """{"type":"AddTagToCase","tag":"mail sent"}""", """{"type":"AddTagToCase","tag":"é"}""");
    }

    [Test]
    public async Task OperationsThatThrowGiveNoOperationAndAWarning()
    {
        var result = await TestJob.RunAsync<OperationsThrowingResponder>([]);

        result.Success.Should().BeTrue();
        result.Operations.Should().BeEmpty();
        result.Log.Should().Contain("warning: Operations failed, the report goes without operations: InvalidOperationException: operations failed");
    }

    [Test]
    public async Task SecondReportIsIgnoredAndSaid()
    {
        var result = await TestJob.RunAsync<TwiceReportingResponder>([]);

        result.Full!.ContainsKey("first").Should().BeTrue();
        result.ExitCode.Should().Be(0);
        result.Log.Should().Contain("report ignored: this job already has its output");
    }

    [Test]
    public async Task ErrorAfterAReportKeepsTheReportButExitsNonZero()
    {
        var result = await TestJob.RunAsync<ReportThenErrorResponder>([]);

        result.Success.Should().BeTrue();
        result.ExitCode.Should().Be(1);
        result.Log.Should().Contain("error \"too late\" ignored");
    }

    [Test]
    public async Task ErrorStaysTheOutputEvenWhenTheAuthorCatchesItAndReports()
    {
        var result = await TestJob.RunAsync<CatchAllResponder>([]);

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().Be("first error");
        result.ExitCode.Should().Be(1);
    }

    [Test]
    public async Task EscapingExceptionBecomesAOneLineErrorNamingIt()
    {
        var result = await TestJob.RunAsync<ThrowingResponder>(new JObject { ["message"] = "upstream refused" });

        result.ErrorMessage.Should().Be("InvalidOperationException: upstream refused second line");
        result.ExitCode.Should().Be(1);
        result.Log.Should().Contain("at Cortex.Responders.Tests.Jobs.JobLifecycleTests.ThrowingResponder", "the stack trace goes to the log");
    }

    [Test]
    public async Task ExceptionAfterTheReportKeepsTheReportButExitsNonZero()
    {
        var result = await TestJob.RunAsync<ThrowAfterReportResponder>([]);

        result.Success.Should().BeTrue();
        result.ExitCode.Should().Be(1);
        result.Log.Should().Contain("exception after the job's output was written: InvalidOperationException: after the report");
    }

    [Test]
    public async Task ReturningWithoutReportIsAnError()
    {
        var result = await TestJob.RunAsync<NoReportResponder>([]);

        result.ErrorMessage.Should().Be("NoReportResponder finished without a report: call Report(full) or Error(message) before RunAsync returns");
    }

    [Test]
    public async Task TimeoutCancelsTheTokenAndWritesTheErrorAtOnce()
    {
        var result = await TestJob.RunAsync<SleepingResponder>([], new() { Timeout = TimeSpan.FromMilliseconds(200) });

        result.ErrorMessage.Should().Be("cancelled: the job reached its timeout");
        result.ExitCode.Should().Be(1);

        // The responder's token fired: waited for as the event it is, since the error is written before the
        // responder's code gets back the thread (on a loaded machine, well after the run has returned).
        var cancelled = await SleepingResponder.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(60));
        cancelled.Should().BeTrue("the responder's token fired");
    }

    [Test]
    public async Task ResponderIgnoringCancellationStillEndsWithTheTimeoutError()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = await TestJob.RunAsync<CancellationIgnoringResponder>(new JObject { ["seconds"] = 20 }, new() { Timeout = TimeSpan.FromMilliseconds(200) });

        result.ErrorMessage.Should().Be("cancelled: the job reached its timeout");
        started.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15), "the run ends after the grace period, not after the responder's 20 s");
    }

    [Test]
    public async Task LoggerWritesToTheLogNotTheOutput()
    {
        var result = await TestJob.RunAsync<LoggingResponder>([]);

        result.Success.Should().BeTrue();
        result.Log.Should().Contain("info: a log line");
        result.OutputText.Should().NotContain("a log line");
    }

    [Test]
    public async Task InputDatesAndNumbersAreKeptAsSent()
    {
        var full = JObject.Parse("""{"when": "2020-06-26T07:32:00Z", "big": 12345678901234567890, "pi": 3.14159}""");

        var result = await TestJob.RunAsync<ReportingResponder>(new JObject { ["full"] = full });

        result.OutputText.Should().Contain("\"when\":\"2020-06-26T07:32:00Z\"").And.Contain("12345678901234567890").And.Contain("3.14159");
    }

    [Test]
    public async Task FullReportHoldingSomethingThatIsNotJsonIsAnError()
    {
        var result = await TestJob.RunAsync<RawReportingResponder>([]);

        result.ErrorMessage.Should().Be("the full report holds a value that is not JSON at nested.bad (JRaw, undefined, a constructor, NaN or an infinity): Cortex would reject the output");
    }

    /// <summary>Reports config.full (or {"ok": true}) and tags the case with each of config.tags.</summary>
    private sealed class ReportingResponder : Responder
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Report(GetParam<JToken>("config.full") ?? new JObject { ["ok"] = true });
            return Task.CompletedTask;
        }

        protected override IEnumerable<Operation> Operations(JObject full) => GetParam<string[]>("config.tags", [])!.Select(Operation.AddTagToCase);
    }

    private sealed class OperationsThrowingResponder : Responder
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Report(new JObject { ["ok"] = true });
            return Task.CompletedTask;
        }

        protected override IEnumerable<Operation> Operations(JObject full) => throw new InvalidOperationException("operations failed");
    }

    private sealed class TwiceReportingResponder : Responder
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Report(new JObject { ["first"] = true });
            Report(new JObject { ["second"] = true });
            return Task.CompletedTask;
        }
    }

    private sealed class ReportThenErrorResponder : Responder
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Report(new JObject { ["first"] = true });
            Error("too late");
            return Task.CompletedTask;
        }
    }

    /// <summary>A careless author who swallows everything, the stop after Error included, and reports.</summary>
    private sealed class CatchAllResponder : Responder
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            try
            {
                Error("first error");
            }
            catch (Exception)
            {
                // Swallowed on purpose.
            }

            Report(new JObject { ["after"] = true });
            return Task.CompletedTask;
        }
    }

    private sealed class ThrowingResponder : Responder
    {
        protected override Task RunAsync(CancellationToken cancellationToken) =>
            throw new InvalidOperationException(GetParam("config.message", "boom")! + "\nsecond line");
    }

    private sealed class ThrowAfterReportResponder : Responder
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Report(new JObject { ["ok"] = true });
            throw new InvalidOperationException("after the report");
        }
    }

    private sealed class NoReportResponder : Responder
    {
        protected override Task RunAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class SleepingResponder : Responder
    {
        /// <summary>Set when the token fires; one test runs this responder.</summary>
        public static readonly TaskCompletionSource<bool> Cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task RunAsync(CancellationToken cancellationToken)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Cancelled.TrySetResult(cancellationToken.IsCancellationRequested);
                throw;
            }
        }
    }

    private sealed class CancellationIgnoringResponder : Responder
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Thread.Sleep(TimeSpan.FromSeconds(GetParam("config.seconds", 30)));
            Report(new JObject { ["late"] = true });
            return Task.CompletedTask;
        }
    }

    private sealed class LoggingResponder : Responder
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Logger.LogInformation("a log line");
            Report(new JObject { ["logged"] = true });
            return Task.CompletedTask;
        }
    }

    private sealed class RawReportingResponder : Responder
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Report(new JObject { ["ok"] = true, ["nested"] = new JObject { ["bad"] = new JRaw("not json") } });
            return Task.CompletedTask;
        }
    }
}
