using Cortex.Responders;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using NUnit.Framework;

namespace Cortex.Workers.Responders.MSDefenderEndpoints.Tests;

/// <summary>The published executable, started as Cortex starts it, against the corporate network's Microsoft cloud.</summary>
[TestFixture]
[NonParallelizable]
public sealed class PublishedTests
{
    private static readonly string[] Flavors = Directory.GetFiles(Path.Combine(Repository.Root, "responders", "MSDefenderEndpoints"), "*.json").Select(Path.GetFileName).ToArray()!;

    private static string root = string.Empty;

    [OneTimeSetUp]
    public async Task Publish() => root = await PublishedResponders.PublishAsync("MSDefenderEndpoints");

    [Test]
    public void TheFolderHoldsTheExecutableAndTheTwelveFlavors()
    {
        Flavors.Should().HaveCount(12);
        PublishedFolder.ShouldHoldTheExecutableAndFlavorsOnly(root, "MSDefenderEndpoints", Flavors);
    }

    [Test]
    public async Task ThePublishedResponderIsolatesAMachineThroughTheProxy()
    {
        await using var cloud = await MicrosoftCloud.StartAsync();
        cloud.Peer.Answer(MicrosoftCloud.TokenAnswer())
            .Answer(MicrosoftCloud.Machines(("1e5bc9d7e413ddd7902c2932e418702b84d0cc07", "fin-lt-042")))
            .Answer(MicrosoftCloud.MachineAction("Isolate"));
        using var job = CortexJob.Create(cloud.Job("isolateMachine", "hostname", "fin-lt-042"));

        var run = await job.RunAsync(root, "MSDefenderEndpoints/MSDefenderEndpoints");

        run.Success.Should().BeTrue(run.ToString());
        TestContext.Out.WriteLine($"per-job time (token, lookup, action through the proxy): {run.Elapsed.TotalMilliseconds:0} ms");
        run.ExitCode.Should().Be(0);
        cloud.Peer.Requests.Select(r => $"{r.Method} {r.Headers["Host"]}{r.Path}").Should().Equal(
            $"POST login.microsoftonline.com/{MicrosoftCloud.Tenant}/oauth2/token",
            "GET api.security.microsoft.com/api/v1.0/machines",
            "POST api.security.microsoft.com/api/v1.0/machines/1e5bc9d7e413ddd7902c2932e418702b84d0cc07/isolate");
        run.Output!["operations"]![0]!["tag"]!.ToString().Should().Be("MsDefender:isolated");
        cloud.Proxy.Targets.Should().OnlyContain(t => t == "login.microsoftonline.com:443" || t == "api.security.microsoft.com:443");
    }

    [Test]
    public async Task AJobStoppedWhileTheIndicatorIsSentNamesWhatItAsked()
    {
        await using var cloud = await MicrosoftCloud.StartAsync();
        cloud.Peer.Answer(MicrosoftCloud.TokenAnswer());
        cloud.Proxy.SwallowedTargets.Add("api.security.microsoft.com:443");
        using var job = CortexJob.Create(cloud.Job("pushIOCBlock", "domain", "evil.example"));

        var run = await job.RunAsync(root, "MSDefenderEndpoints/MSDefenderEndpoints", timeout: TimeSpan.FromSeconds(3));

        TestContext.Out.WriteLine($"stopped after {run.Elapsed.TotalSeconds:0.0} s: {run.ErrorMessage}");
        run.Terminated.Should().BeTrue();
        run.Success.Should().BeFalse();
        run.ErrorMessage.Should().Contain("already done, so check before running the job again: asked Defender for Endpoint to add the indicator evil.example (DomainName) with the action Block");
        cloud.Peer.Requests.Should().ContainSingle().Which.Path.Should().Be($"/{MicrosoftCloud.Tenant}/oauth2/token");
    }

    [Test]
    public async Task ThePublishedResponderReportsARefusedTokenInOneLineWithoutTheSecret()
    {
        await using var cloud = await MicrosoftCloud.StartAsync();
        cloud.Peer.Answer(Cortex.Responders.Testing.Http.HttpPeerAnswer.Json("""{"error":"unauthorized_client","error_description":"AADSTS700016: Application not found in the directory."}""", 400));
        using var job = CortexJob.Create(cloud.Job("pushIOCBlock", "domain", "evil.example"));

        var run = await job.RunAsync(root, "MSDefenderEndpoints/MSDefenderEndpoints");

        run.Success.Should().BeFalse();
        run.ErrorMessage.Should().StartWith($"POST https://login.microsoftonline.com/{MicrosoftCloud.Tenant}/oauth2/token answered 400 Bad Request: ")
            .And.Contain("AADSTS700016").And.NotContain("\n");
        run.OutputBytes.Should().NotBeEmpty();
        System.Text.Encoding.UTF8.GetString(run.OutputBytes).Should().NotContain(MicrosoftCloud.AppSecret);
    }
}
