using System.Net;
using Cortex.Responders.TestSupport;
using Cortex.Workers.Responders.DnsRpz.Tests.Peers;
using FluentAssertions;
using NUnit.Framework;

namespace Cortex.Workers.Responders.DnsRpz.Tests;

/// <summary>The published executable, started as Cortex starts it, against a real BIND 9.</summary>
[TestFixture]
[NonParallelizable]
public sealed class PublishedTests
{
    private static string root = string.Empty;

    [OneTimeSetUp]
    public async Task Publish() => root = await PublishedResponders.PublishAsync("DnsRpz");

    [Test]
    public void TheFolderHoldsTheExecutableAndTheFlavor() =>
        PublishedFolder.ShouldHoldTheExecutableAndFlavorsOnly(root, "DnsRpz", ["DNS-RPZ.json"]);

    [Test]
    public async Task ThePublishedResponderBlocksADomainThatBindThenAnswersWithTheRemediationAddress()
    {
        using var bind = await BindServer.StartAsync();
        using var job = CortexJob.Create(RpzJobs.Job(bind, "phish.example.net"));

        var run = await job.RunAsync(root, "DnsRpz/DnsRpz");

        run.Success.Should().BeTrue(run.ToString());
        TestContext.Out.WriteLine($"per-job time (lookup and TSIG-signed update on BIND): {run.Elapsed.TotalMilliseconds:0} ms");
        run.Output!["operations"]![0]!["tag"]!.ToString().Should().Be("DNS-RPZ:blocked");
        (await bind.ResolveOnceLoadedAsync("phish.example.net", IPAddress.Parse(RpzJobs.RemediationIp))).Should().Equal(IPAddress.Parse(RpzJobs.RemediationIp));
    }

    [Test]
    public async Task ThePublishedResponderNamesAWrongSecretInOneLineWithoutIt()
    {
        using var bind = await BindServer.StartAsync();
        var wrong = Convert.ToBase64String(new byte[32]);
        using var job = CortexJob.Create(RpzJobs.Job(bind, "phish.example.net", configure: c => c["tsig_keyval"] = wrong));

        var run = await job.RunAsync(root, "DnsRpz/DnsRpz");

        run.Success.Should().BeFalse();
        run.ErrorMessage.Should().EndWith("(BADSIG): check tsig_keyval and tsig_hashalg").And.NotContain("\n");
        System.Text.Encoding.UTF8.GetString(run.OutputBytes).Should().NotContain(wrong).And.NotContain(bind.Secret);
        ((string?)run.Output!["input"]!["config"]!["tsig_keyval"]).Should().Be("REMOVED");
        ((string?)run.Output["input"]!["config"]!["tsig_keyname"]).Should().Be(BindServer.KeyName);
    }

    [Test]
    public async Task ThePublishedResponderRefusesAnObservableThatIsNotADomain()
    {
        using var bind = await BindServer.StartAsync();
        using var job = CortexJob.Create(RpzJobs.Job(bind, "203.0.113.9", Cortex.Responders.ObservableTypes.Ip));

        var run = await job.RunAsync(root, "DnsRpz/DnsRpz");

        run.Success.Should().BeFalse();
        run.ErrorMessage.Should().Be("DNS-RPZ blocks domain observables, not ip: run it on a domain");
    }
}
