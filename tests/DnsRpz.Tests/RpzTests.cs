using System.Net;
using Cortex.Responders;
using Cortex.Responders.Testing;
using Cortex.Responders.TestSupport;
using Cortex.Workers.Responders.DnsRpz.Tests.Peers;
using FluentAssertions;
using NUnit.Framework;

namespace Cortex.Workers.Responders.DnsRpz.Tests;

/// <summary>The responder in-process against a real BIND 9: the name blocked for BIND's clients, and each refusal in one line.</summary>
[TestFixture]
[NonParallelizable]
public sealed class RpzTests
{
    private BindServer bind = null!;

    [SetUp]
    public async Task StartBind() => bind = await BindServer.StartAsync();

    [TearDown]
    public void StopBind() => bind.Dispose();

    [Test]
    public async Task ADomainIsAddedToThePolicyZoneAndBindAnswersTheRemediationAddressForIt()
    {
        (await bind.ResolveAsync("evil.example.com")).Should().BeEmpty("the name does not exist before the job");

        var result = await ResponderJob.RunAsync<DnsRpzResponder>(RpzJobs.Job(bind, "Evil.Example.com."));

        result.Success.Should().BeTrue(result.OutputText);
        (await bind.ResolveOnceLoadedAsync("evil.example.com", IPAddress.Parse(RpzJobs.RemediationIp)))
            .Should().Equal(IPAddress.Parse(RpzJobs.RemediationIp));
        bind.Log.Should().Contain($"/key {BindServer.KeyName.TrimEnd('.')}: updating zone 'rpz/IN': adding an RR at 'evil.example.com.rpz' A {RpzJobs.RemediationIp}");
        ((string?)result.Full!["message"]).Should().Be($"evil.example.com is blocked in rpz. on {bind.Endpoint}: it resolves to {RpzJobs.RemediationIp}");
        ((string?)result.Full["record"]).Should().Be($"evil.example.com.rpz. 30 A {RpzJobs.RemediationIp}");
        ((bool)result.Full["added"]!).Should().BeTrue();
        result.Operations.Should().ContainSingle().Which.ShouldBeJson("""{"type":"AddTagToArtifact","tag":"DNS-RPZ:blocked"}""");
    }

    [Test]
    public async Task ADomainAlreadyInTheZoneIsNotAddedTwiceAndStillTagged()
    {
        (await ResponderJob.RunAsync<DnsRpzResponder>(RpzJobs.Job(bind, "evil.example.com"))).Success.Should().BeTrue();

        var again = await ResponderJob.RunAsync<DnsRpzResponder>(RpzJobs.Job(bind, "evil.example.com"));

        again.Success.Should().BeTrue(again.OutputText);
        ((bool)again.Full!["added"]!).Should().BeFalse();
        ((string?)again.Full["message"]).Should().Be($"evil.example.com is already blocked in rpz. on {bind.Endpoint}: nothing was changed");
        bind.Log.Split('\n').Count(line => line.Contains("adding an RR", StringComparison.Ordinal)).Should().Be(1, bind.Log);
        again.Operations.Single()["tag"]!.ToString().Should().Be(DnsRpzResponder.BlockedTag);
    }

    [Test]
    public async Task TheLookupAsksBindNotTheSystemResolver()
    {
        // The system resolver knows nothing of the test's policy zone: only BIND can say the name is there.
        (await ResponderJob.RunAsync<DnsRpzResponder>(RpzJobs.Job(bind, "known.example.org"))).Success.Should().BeTrue();

        var again = await ResponderJob.RunAsync<DnsRpzResponder>(RpzJobs.Job(bind, "known.example.org"));

        ((bool)again.Full!["added"]!).Should().BeFalse(again.OutputText);
        bind.Log.Should().Contain("known.example.org.rpz");
    }

    [Test]
    public async Task AWrongSecretIsRefusedBeforeAnyUpdate()
    {
        var other = Convert.ToBase64String(new byte[64]);

        var result = await ResponderJob.RunAsync<DnsRpzResponder>(RpzJobs.Job(bind, "evil.example.com", configure: c => c["tsig_keyval"] = other));

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().Be(
            $"BIND at {bind.Endpoint} refused the lookup of evil.example.com.rpz. signed with the key {BindServer.KeyName}: "
            + "the signature with the key cortex-test. does not verify (BADSIG): check tsig_keyval and tsig_hashalg");
        bind.Log.Should().NotContain("adding an RR");
        result.OutputText.Should().NotContain(other).And.NotContain(bind.Secret);
    }

    [Test]
    public async Task AnUnknownKeyNameIsRefusedBeforeAnyUpdate()
    {
        var result = await ResponderJob.RunAsync<DnsRpzResponder>(RpzJobs.Job(bind, "evil.example.com", configure: c => c["tsig_keyname"] = "cortex."));

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().Be(
            $"BIND at {bind.Endpoint} refused the lookup of evil.example.com.rpz. signed with the key cortex.: "
            + "it knows no key cortex. of that algorithm (BADKEY): check tsig_keyname and tsig_hashalg");
    }

    [Test]
    public async Task AKeyOfAnotherAlgorithmIsRefused()
    {
        var result = await ResponderJob.RunAsync<DnsRpzResponder>(RpzJobs.Job(bind, "evil.example.com", configure: c => c["tsig_hashalg"] = "hmac-sha256"));

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().Contain("refused the lookup").And.Contain("check tsig_keyname and tsig_hashalg").And.NotContain("\n");
    }

    [Test]
    public async Task AZoneBindDoesNotServeIsNamedBeforeAnyUpdate()
    {
        var result = await ResponderJob.RunAsync<DnsRpzResponder>(RpzJobs.Job(bind, "evil.example.com", configure: c => c["rpz_zonename"] = "blocklist.example."));

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().Be(
            $"BIND at {bind.Endpoint} does not serve the zone blocklist.example. (it answered NXDOMAIN to the lookup of evil.example.com.blocklist.example.): check rpz_zonename");
        bind.Log.Should().NotContain("updating zone");
    }

    [Test]
    public async Task AZoneThatTakesNoUpdateIsARefusalThatNamesTheUpdatePolicy()
    {
        var result = await ResponderJob.RunAsync<DnsRpzResponder>(RpzJobs.Job(bind, "evil.example.com", configure: c => c["rpz_zonename"] = BindServer.FrozenZone));

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().StartWith(
            $"BIND at {bind.Endpoint} refused the update of frozen-rpz.: "
            + $"let the key {BindServer.KeyName} update the zone (update-policy {{ grant {BindServer.KeyName} zonesub ANY; }})")
            .And.EndWith($"asked BIND at {bind.Endpoint} to add evil.example.com.frozen-rpz. 30 A {RpzJobs.RemediationIp}")
            .And.NotContain("\n");
        bind.Log.Should().Contain("update 'frozen-rpz/IN' denied");
    }

    [TestCase(ObservableTypes.Ip, "203.0.113.9", "DNS-RPZ blocks domain observables, not ip: run it on a domain")]
    [TestCase(ObservableTypes.Url, "https://evil.example.com/login", "DNS-RPZ blocks domain observables, not url: run it on a domain")]
    [TestCase(ObservableTypes.Domain, "evil example.com", "the observable \"evil example.com\" is not a domain name: DNS-RPZ blocks names such as evil.example.com")]
    [TestCase(ObservableTypes.Domain, "evil..example.com", "the observable \"evil..example.com\" is not a domain name: DNS-RPZ blocks names such as evil.example.com")]
    public async Task AnObservableThatIsNotADomainEndsTheJobBeforeBindIsAsked(string type, string value, string message)
    {
        var result = await ResponderJob.RunAsync<DnsRpzResponder>(RpzJobs.Job(bind, value, type));

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().Be(message);
        bind.Log.Should().NotContain("client @");
    }

    [Test]
    public async Task AnInternationalisedNameIsBlockedInItsAsciiForm()
    {
        var result = await ResponderJob.RunAsync<DnsRpzResponder>(RpzJobs.Job(bind, "bücher.example"));

        result.Success.Should().BeTrue(result.OutputText);
        ((string?)result.Full!["record"]).Should().StartWith("xn--bcher-kva.example.rpz. 30 A");
        (await bind.ResolveOnceLoadedAsync("xn--bcher-kva.example", IPAddress.Parse(RpzJobs.RemediationIp))).Should().Contain(IPAddress.Parse(RpzJobs.RemediationIp));
    }

    [TestCase("tsig_hashalg", "HMAC-SHA3", "tsig_hashalg \"HMAC-SHA3\" is not a TSIG algorithm")]
    [TestCase("tsig_keyval", "not base64!", "tsig_keyval is not base64: copy the secret of the key statement that tsig-keygen wrote")]
    [TestCase("remediation_ip", "sinkhole.example", "remediation_ip \"sinkhole.example\" is not an IPv4 address")]
    [TestCase("bind_server", "127.0.0.1:99999", "bind_server \"127.0.0.1:99999\" has no valid port after the colon")]
    public async Task AWrongSettingIsNamedBeforeBindIsAsked(string item, string value, string message)
    {
        var result = await ResponderJob.RunAsync<DnsRpzResponder>(RpzJobs.Job(bind, "evil.example.com", configure: c => c[item] = value));

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().StartWith(message).And.NotContain("\n");
        bind.Log.Should().NotContain("client @");
    }

    [Test]
    public async Task AMissingSecretIsNamed()
    {
        var result = await ResponderJob.RunAsync<DnsRpzResponder>(RpzJobs.Job(bind, "evil.example.com", configure: c => c.Remove("tsig_keyval")));

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().Be("tsig_keyval is missing: set the TSIG key's secret (base64, the secret of BIND's key statement) in the responder's configuration");
    }

    [Test]
    public async Task AServerThatDoesNotListenIsNamed()
    {
        var port = bind.Port;
        bind.Dispose();

        var result = await ResponderJob.RunAsync<DnsRpzResponder>(RpzJobs.Job(bind, "evil.example.com"));

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().Be(
            $"BIND at 127.0.0.1:{port} did not answer the lookup of evil.example.com.rpz. over TCP: check bind_server and that BIND listens there");
    }
}
