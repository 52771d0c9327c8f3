using System.Diagnostics;
using System.Text;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Tests.Hosting;

/// <summary>
/// The host, from outside: each test's responder, declared below, runs in its own process (<see cref="ResponderProcess"/>)
/// started as Cortex starts a responder.
/// </summary>
[TestFixture]
public sealed class ResponderHostTests
{
    [Test]
    public async Task SigtermWritesTheTimeoutErrorAndEndsTheProcess()
    {
        using var job = CortexJob.Create(TestJob.Input(new JObject { ["jobTimeout"] = 1 }));

        var run = await ResponderProcess.RunAsync<SleepingResponder>(job, timeout: TimeSpan.FromSeconds(1));

        run.Terminated.Should().BeTrue();
        run.ExitCode.Should().Be(1);
        run.ErrorMessage.Should().Be("cancelled: the job was stopped (SIGTERM), most likely because it reached Cortex's job timeout");
        run.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Test]
    public async Task SigtermOnAResponderThatIgnoresItsTokenStillEndsWithTheErrorWithinTheGracePeriod()
    {
        using var job = CortexJob.Create(TestJob.Input(new JObject { ["seconds"] = 40 }));

        var run = await ResponderProcess.RunAsync<CancellationIgnoringResponder>(job, timeout: TimeSpan.FromSeconds(1));

        run.ErrorMessage.Should().StartWith("cancelled: the job was stopped (SIGTERM)");
        run.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15), "the process ends after the grace period, not after the responder's 40 s");
    }

    [Test]
    public async Task SigtermAfterTheReportKeepsTheReportAndExitsZero()
    {
        using var job = CortexJob.Create(TestJob.Input([]));

        var (exitCode, _, log) = await ResponderProcess.SignalAtLineAsync<ReportThenSleepResponder>(job, ReportThenSleepResponder.Reported, kill: false);

        var output = CortexJob.ReadJson(await File.ReadAllTextAsync(job.OutputFile));
        ((bool?)output?["success"]).Should().BeTrue(log);
        exitCode.Should().Be(0, log);
    }

    [TestCase(typeof(ThrowingCallbackResponder), TestName = "SigtermEndsTheJobWhateverTheTokenCallbacksDo(callback throws)")]
    [TestCase(typeof(BlockingCallbackResponder), TestName = "SigtermEndsTheJobWhateverTheTokenCallbacksDo(callback blocks 20 s)")]
    public async Task SigtermEndsTheJobWhateverTheTokenCallbacksDo(Type responder)
    {
        using var job = CortexJob.Create(TestJob.Input([]));

        var run = await ResponderProcess.RunAsync(responder, job, timeout: TimeSpan.FromSeconds(1));

        run.ErrorMessage.Should().StartWith("cancelled: the job was stopped (SIGTERM)");
        run.ExitCode.Should().Be(1, run.ToString());
        run.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15));
    }

    [Test]
    public async Task StrayPrintsCannotCorruptTheReportOnStandardOutput()
    {
        using var job = CortexJob.CreateEmpty();
        var input = TestJob.Input([]);

        var run = await ResponderProcess.RunAsync<PrintingResponder>(job, standardInput: Encoding.UTF8.GetBytes(input.ToString()));

        run.ExitCode.Should().Be(0, run.ToString());
        var report = JObject.Parse(run.StandardOutput);
        ((bool)report["success"]!).Should().BeTrue();
        run.StandardError.Should().Contain("a stray line on standard output").And.Contain("info: a log line")
            .And.Contain("a raw write to standard output").And.Contain("a line from a child process");
    }

    [Test]
    public async Task StrayPrintsGoToStandardErrorInTheJobFolderTransportToo()
    {
        using var job = CortexJob.Create(TestJob.Input([]));

        var run = await ResponderProcess.RunAsync<PrintingResponder>(job);

        run.Success.Should().BeTrue(run.ToString());
        run.StandardOutput.Should().NotContain("a stray line on standard output");
        run.StandardError.Should().Contain("a stray line on standard output");
    }

    [Test]
    public async Task ProxiesAreExportedToTheEnvironmentAsCortexutilsDoes()
    {
        using var job = CortexJob.Create(TestJob.Input(new JObject
        {
            ["proxy"] = new JObject { ["http"] = "http://proxy.example:3128", ["https"] = "http://proxy.example:3129" },
        }));

        var run = await ResponderProcess.RunAsync<EnvironmentResponder>(job);

        ((string?)run.Output!["full"]!["http_proxy"]).Should().Be("http://proxy.example:3128");
        ((string?)run.Output!["full"]!["https_proxy"]).Should().Be("http://proxy.example:3129");
        ((string?)run.Output!["full"]!["jobDirectory"]).Should().Be(job.Directory);
    }

    [TestCase(true, false, 1, TestName = "CaCertificatesAreLoadedFromWhereCortexPutsThem(input/cacerts alone)")]
    [TestCase(false, true, 1, TestName = "CaCertificatesAreLoadedFromWhereCortexPutsThem(REQUESTS_CA_BUNDLE alone)")]
    [TestCase(true, true, 2, TestName = "CaCertificatesAreLoadedFromWhereCortexPutsThem(both, different files)")]
    [TestCase(false, false, 0, TestName = "CaCertificatesAreLoadedFromWhereCortexPutsThem(none)")]
    public async Task CaCertificatesAreLoadedFromWhereCortexPutsThem(bool inJobFolder, bool inEnvironment, int expected)
    {
        using var first = new TestCertificates("First CA");
        using var second = new TestCertificates("Second CA");
        using var job = CortexJob.Create(TestJob.Input([]));
        // This machine's own REQUESTS_CA_BUNDLE must not count.
        var environment = new Dictionary<string, string> { ["REQUESTS_CA_BUNDLE"] = string.Empty };
        if (inJobFolder)
        {
            await File.WriteAllTextAsync(Path.Combine(job.Directory, "input", "cacerts"), first.AuthorityPem);
        }

        var bundle = Path.Combine(job.Directory, "bundle.pem");
        if (inEnvironment)
        {
            await File.WriteAllTextAsync(bundle, second.AuthorityPem);
            environment["REQUESTS_CA_BUNDLE"] = bundle;
        }

        var run = await ResponderProcess.RunAsync<CaCertificatesResponder>(job, environment: environment);

        ((int)run.Output!["full"]!["count"]!).Should().Be(expected, run.ToString());
    }

    [Test]
    public async Task JobStoppedWhileItsInputIsStillComingNeverActs()
    {
        using var job = CortexJob.CreateEmpty();
        var marker = Path.Combine(job.Directory, "acted");
        var input = TestJob.Input(new JObject { ["path"] = marker });

        var run = await ResponderProcess.RunAsync<TouchingResponder>(
            job, timeout: TimeSpan.FromSeconds(1), standardInput: Encoding.UTF8.GetBytes(input.ToString()), standardInputDelay: TimeSpan.FromSeconds(1.5));

        CortexJob.ReadJson(run.StandardOutput)!["errorMessage"]!.ToString().Should().StartWith("cancelled: the job was stopped (SIGTERM)");
        File.Exists(marker).Should().BeFalse("a job Cortex gave up on must not send the mail or block the sender");
    }

    [Test]
    public async Task SilentStandardInputEndsAfterAFewSecondsAsInCortexutils()
    {
        using var job = CortexJob.CreateEmpty();
        var input = TestJob.Input([]);

        var run = await ResponderProcess.RunAsync<ReportingResponder>(
            job, standardInput: Encoding.UTF8.GetBytes(input.ToString()), standardInputDelay: TimeSpan.FromSeconds(8));

        run.ExitCode.Should().Be(1);
        CortexJob.ReadJson(run.StandardOutput)!["errorMessage"]!.ToString().Should().Be(
            $"no job input: {job.Directory}/input/input.json does not exist and nothing came on standard input within 3 s; check the job folder given on the command line (or mounted at /job)");
        run.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(8));
    }

    [Test]
    public async Task EscapingExceptionEndsInAnErrorOutput()
    {
        using var job = CortexJob.Create(TestJob.Input(new JObject { ["message"] = "database down" }));

        var run = await ResponderProcess.RunAsync<ThrowingResponder>(job);

        run.ExitCode.Should().Be(1);
        run.ErrorMessage.Should().Be("InvalidOperationException: database down second line");
        run.StandardError.Should().Contain("ThrowingResponder.RunAsync");
    }

    private sealed class SleepingResponder : Responder
    {
        protected override Task RunAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);
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

    private sealed class ReportThenSleepResponder : Responder
    {
        public const string Reported = "reported, now sleeping";

        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Report(new JObject { ["done"] = true });
            Logger.LogInformation(Reported);
            return Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

    private sealed class ThrowingCallbackResponder : Responder
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            cancellationToken.Register(() => throw new InvalidOperationException("callback failed"));
            return Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

    private sealed class BlockingCallbackResponder : Responder
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            cancellationToken.Register(() => Thread.Sleep(TimeSpan.FromSeconds(20)));
            return Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

    /// <summary>Writes to standard output every way a careless author or a library can, then logs and reports.</summary>
    private sealed class PrintingResponder : Responder
    {
        protected override async Task RunAsync(CancellationToken cancellationToken)
        {
            Console.WriteLine("a stray line on standard output");
            Console.Out.Flush();
            using (var raw = Console.OpenStandardOutput())
            {
                raw.Write("a raw write to standard output\n"u8);
            }

            using (var child = Process.Start(new ProcessStartInfo("/bin/echo", "a line from a child process") { UseShellExecute = false }))
            {
                await child!.WaitForExitAsync(cancellationToken);
            }

            Logger.LogInformation("a log line");
            Report(new JObject { ["printed"] = true });
        }
    }

    private sealed class EnvironmentResponder : Responder
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Report(new JObject
            {
                ["http_proxy"] = Environment.GetEnvironmentVariable("http_proxy"),
                ["https_proxy"] = Environment.GetEnvironmentVariable("https_proxy"),
                ["jobDirectory"] = JobDirectory,
            });
            return Task.CompletedTask;
        }
    }

    private sealed class CaCertificatesResponder : Responder
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Report(new JObject { ["count"] = CaCertificates.Count });
            return Task.CompletedTask;
        }
    }

    /// <summary>Acts (writes config.path), so a test can see whether it acted.</summary>
    private sealed class TouchingResponder : Responder
    {
        protected override async Task RunAsync(CancellationToken cancellationToken)
        {
            await File.WriteAllTextAsync(GetParam<string>("config.path", message: "config.path is missing")!, "acted", cancellationToken);
            Report(new JObject { ["touched"] = true });
        }
    }

    private sealed class ReportingResponder : Responder
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Report(new JObject { ["ok"] = true });
            return Task.CompletedTask;
        }
    }

    private sealed class ThrowingResponder : Responder
    {
        protected override Task RunAsync(CancellationToken cancellationToken) =>
            throw new InvalidOperationException(GetParam("config.message", "boom")! + "\nsecond line");
    }
}
