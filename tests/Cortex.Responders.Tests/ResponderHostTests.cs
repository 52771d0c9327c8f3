using System.Text;
using Cortex.Responders.TestSupport;
using Cortex.Responders.Tests.Network;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Tests;

/// <summary>The host, from outside: the probe executable started as Cortex starts a responder.</summary>
[TestFixture]
public sealed class ResponderHostTests
{
    [Test]
    public async Task SigtermWritesTheTimeoutErrorAndEndsTheProcess()
    {
        using var job = CortexJob.Create(Probe.Job(new JObject { ["probe"] = "sleep", ["jobTimeout"] = 1 }));

        var run = await job.RunAsync(Probe.Root, Probe.Command, timeout: TimeSpan.FromSeconds(1));

        run.Terminated.Should().BeTrue();
        run.ExitCode.Should().Be(1);
        run.ErrorMessage.Should().Be("cancelled: the job was stopped (SIGTERM), most likely because it reached Cortex's job timeout");
        run.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Test]
    public async Task SigtermOnAResponderThatIgnoresItsTokenStillEndsWithTheErrorWithinTheGracePeriod()
    {
        using var job = CortexJob.Create(Probe.Job(new JObject { ["probe"] = "ignore-cancel", ["seconds"] = 40 }));

        var run = await job.RunAsync(Probe.Root, Probe.Command, timeout: TimeSpan.FromSeconds(1));

        run.ErrorMessage.Should().StartWith("cancelled: the job was stopped (SIGTERM)");
        run.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15), "the process ends after the grace period, not after the responder's 40 s");
    }

    [Test]
    public async Task SigtermAfterTheReportKeepsTheReportAndExitsZero()
    {
        using var job = CortexJob.Create(Probe.Job(new JObject { ["probe"] = "report-then-sleep" }));

        var run = await job.RunAsync(Probe.Root, Probe.Command, timeout: TimeSpan.FromSeconds(1));

        run.Terminated.Should().BeTrue();
        run.Success.Should().BeTrue(run.ToString());
        run.ExitCode.Should().Be(0);
    }

    [TestCase("register-throw", TestName = "SigtermEndsTheJobWhateverTheTokenCallbacksDo(callback throws)")]
    [TestCase("register-block", TestName = "SigtermEndsTheJobWhateverTheTokenCallbacksDo(callback blocks 20 s)")]
    public async Task SigtermEndsTheJobWhateverTheTokenCallbacksDo(string probe)
    {
        using var job = CortexJob.Create(Probe.Job(new JObject { ["probe"] = probe }));

        var run = await job.RunAsync(Probe.Root, Probe.Command, timeout: TimeSpan.FromSeconds(1));

        run.ErrorMessage.Should().StartWith("cancelled: the job was stopped (SIGTERM)");
        run.ExitCode.Should().Be(1, run.ToString());
        run.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15));
    }

    [Test]
    public async Task StrayPrintsCannotCorruptTheReportOnStandardOutput()
    {
        using var job = CortexJob.CreateEmpty();
        var input = Probe.Job(new JObject { ["probe"] = "print" });

        var run = await job.RunAsync(Probe.Root, Probe.Command, standardInput: Encoding.UTF8.GetBytes(input.ToString()));

        run.ExitCode.Should().Be(0, run.ToString());
        var report = JObject.Parse(run.StandardOutput);
        ((bool)report["success"]!).Should().BeTrue();
        run.StandardError.Should().Contain("a stray line on standard output").And.Contain("info: a log line")
            .And.Contain("a raw write to standard output").And.Contain("a line from a child process");
    }

    [Test]
    public async Task StrayPrintsGoToStandardErrorInTheJobFolderTransportToo()
    {
        using var job = CortexJob.Create(Probe.Job(new JObject { ["probe"] = "print" }));

        var run = await job.RunAsync(Probe.Root, Probe.Command);

        run.Success.Should().BeTrue(run.ToString());
        run.StandardOutput.Should().NotContain("a stray line on standard output");
        run.StandardError.Should().Contain("a stray line on standard output");
    }

    [Test]
    public async Task ProxiesAreExportedToTheEnvironmentAsCortexutilsDoes()
    {
        using var job = CortexJob.Create(Probe.Job(new JObject
        {
            ["probe"] = "env",
            ["name"] = "HOME",
            ["proxy"] = new JObject { ["http"] = "http://proxy.example:3128", ["https"] = "http://proxy.example:3129" },
        }));

        var run = await job.RunAsync(Probe.Root, Probe.Command);

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
        using var job = CortexJob.Create(Probe.Job(new JObject { ["probe"] = "cacerts" }));
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

        var run = await job.RunAsync(Probe.Root, Probe.Command, environment: environment);

        ((int)run.Output!["full"]!["count"]!).Should().Be(expected, run.ToString());
    }

    [Test]
    public async Task JobStoppedWhileItsInputIsStillComingNeverActs()
    {
        using var job = CortexJob.CreateEmpty();
        var marker = Path.Combine(job.Directory, "acted");
        var input = Probe.Job(new JObject { ["probe"] = "touch", ["path"] = marker });

        var run = await job.RunAsync(
            Probe.Root, Probe.Command, timeout: TimeSpan.FromSeconds(1), standardInput: Encoding.UTF8.GetBytes(input.ToString()), standardInputDelay: TimeSpan.FromSeconds(1.5));

        CortexJob.ReadJson(run.StandardOutput)!["errorMessage"]!.ToString().Should().StartWith("cancelled: the job was stopped (SIGTERM)");
        File.Exists(marker).Should().BeFalse("a job Cortex gave up on must not send the mail or block the sender");
    }

    [Test]
    public async Task SilentStandardInputEndsAfterAFewSecondsAsInCortexutils()
    {
        using var job = CortexJob.CreateEmpty();
        var input = Probe.Job(new JObject { ["probe"] = "report" });

        var run = await job.RunAsync(
            Probe.Root, Probe.Command, standardInput: Encoding.UTF8.GetBytes(input.ToString()), standardInputDelay: TimeSpan.FromSeconds(8));

        run.ExitCode.Should().Be(1);
        CortexJob.ReadJson(run.StandardOutput)!["errorMessage"]!.ToString().Should().Be(
            $"no job input: {job.Directory}/input/input.json does not exist and nothing came on standard input within 3 s; check the job folder given on the command line (or mounted at /job)");
        run.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(8));
    }

    [Test]
    public async Task EscapingExceptionEndsInAnErrorOutput()
    {
        using var job = CortexJob.Create(Probe.Job(new JObject { ["probe"] = "throw", ["message"] = "database down" }));

        var run = await job.RunAsync(Probe.Root, Probe.Command);

        run.ExitCode.Should().Be(1);
        run.ErrorMessage.Should().Be("InvalidOperationException: database down second line");
        run.StandardError.Should().Contain("ProbeResponder.RunAsync");
    }
}
