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
    public async Task StrayPrintsCannotCorruptTheReportOnStandardOutput()
    {
        using var job = CortexJob.CreateEmpty();
        var input = Probe.Job(new JObject { ["probe"] = "print" });

        var run = await job.RunAsync(Probe.Root, Probe.Command, standardInput: Encoding.UTF8.GetBytes(input.ToString()));

        run.ExitCode.Should().Be(0, run.ToString());
        var report = JObject.Parse(run.StandardOutput);
        ((bool)report["success"]!).Should().BeTrue();
        run.StandardError.Should().Contain("a stray line on standard output").And.Contain("info: a log line");
    }

    [Test]
    public async Task StrayPrintsGoToStandardErrorInTheJobFolderTransportToo()
    {
        using var job = CortexJob.Create(Probe.Job(new JObject { ["probe"] = "print" }));

        var run = await job.RunAsync(Probe.Root, Probe.Command);

        run.Success.Should().BeTrue(run.ToString());
        run.StandardOutput.Should().BeEmpty();
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

    [Test]
    public async Task CaCertificatesInTheJobFolderAreLoaded()
    {
        using var certificates = new TestCertificates();
        using var job = CortexJob.Create(Probe.Job(new JObject { ["probe"] = "cacerts" }));
        var caFile = Path.Combine(job.Directory, "input", "cacerts");
        await File.WriteAllTextAsync(caFile, certificates.AuthorityPem);

        var run = await job.RunAsync(Probe.Root, Probe.Command, environment: new Dictionary<string, string> { ["REQUESTS_CA_BUNDLE"] = caFile });

        ((int)run.Output!["full"]!["count"]!).Should().Be(1);
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
