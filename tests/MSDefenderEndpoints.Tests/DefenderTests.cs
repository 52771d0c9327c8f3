using Cortex.Responders;
using System.Net;
using Cortex.Responders.Testing;
using Cortex.Responders.Testing.Http;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Workers.Responders.MSDefenderEndpoints.Tests;

/// <summary>The responder in-process against the Microsoft cloud of a corporate network: its requests, reports, tags and errors.</summary>
[TestFixture]
[NonParallelizable]
public sealed class DefenderTests
{
    private const string MachineId = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";

    private MicrosoftCloud cloud = null!;

    [SetUp]
    public async Task StartCloud() => cloud = await MicrosoftCloud.StartAsync();

    [TearDown]
    public async Task StopCloud()
    {
        MSDefenderEndpointsResponder.RequestTimeout = null;
        await cloud.DisposeAsync();
    }

    [Test]
    public async Task IsolatingAHostnameTakesAV1TokenFindsTheMachineByNameAndIsolatesIt()
    {
        cloud.Peer.Answer(MicrosoftCloud.TokenAnswer())
            .Answer(MicrosoftCloud.Machines((MachineId, "fin-lt-042.corp.example")))
            .Answer(MicrosoftCloud.MachineAction("Isolate"));

        var result = await Run("isolateMachine", "hostname", "fin-lt-042.corp.example");

        result.Success.Should().BeTrue(result.OutputText);
        var requests = cloud.Peer.Requests;
        requests.Should().HaveCount(3);

        var token = requests[0];
        token.Method.Should().Be("POST");
        token.Headers["Host"].Should().Be("login.microsoftonline.com");
        token.Path.Should().Be($"/{MicrosoftCloud.Tenant}/oauth2/token");
        token.Headers["Content-Type"].Should().StartWith("application/x-www-form-urlencoded");
        token.Headers.Should().NotContainKey("Authorization");
        token.Form().Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = MicrosoftCloud.AppId,
            ["client_secret"] = MicrosoftCloud.AppSecret,
            ["resource"] = "https://api.security.microsoft.com",
        });

        var lookup = requests[1];
        lookup.Method.Should().Be("GET");
        lookup.Headers["Host"].Should().Be("api.security.microsoft.com");
        lookup.Path.Should().Be("/api/v1.0/machines");
        Uri.UnescapeDataString(lookup.Query).Should().Be("?$filter=computerDnsName eq 'fin-lt-042.corp.example'");
        lookup.Headers["Authorization"].Should().Be($"Bearer {MicrosoftCloud.Token}");

        var isolate = requests[2];
        isolate.Method.Should().Be("POST");
        isolate.Path.Should().Be($"/api/v1.0/machines/{MachineId}/isolate");
        isolate.Headers["Authorization"].Should().Be($"Bearer {MicrosoftCloud.Token}");
        isolate.Headers["Content-Type"].Should().StartWith("application/json");
        var body = (JObject)isolate.Json();
        ((string?)body["IsolationType"]).Should().Be("Full");
        ((string?)body["Comment"]).Should().Contain("TheHive case 157");
        body.Properties().Select(p => p.Name).Should().BeEquivalentTo("Comment", "IsolationType");

        ((string?)result.Full!["machineId"]).Should().Be(MachineId);
        ((string?)result.Full["machineActionId"]).Should().Be("5382f7ea-7557-4ab7-9782-d50480024a4e");
        ((string?)result.Full["message"]).Should().Contain("isolate machine fin-lt-042.corp.example");
        result.Operations.Should().ContainSingle().Which.ShouldBeJson("""{"type":"AddTagToArtifact","tag":"MsDefender:isolated"}""");
        
        // One tunnel per host: the client keeps its connection to the API for the second request.
        cloud.Proxy.Targets.Should().Equal("login.microsoftonline.com:443", "api.security.microsoft.com:443");
    }

    [Test]
    public async Task AnIpIsLookedUpWithFindByIpAnHourBack()
    {
        cloud.Peer.Answer(MicrosoftCloud.TokenAnswer())
            .Answer(MicrosoftCloud.Machines((MachineId, "fin-lt-042")))
            .Answer(MicrosoftCloud.MachineAction("RunAntiVirusScan"));
        var before = DateTime.UtcNow;

        var result = await Run("runFullVirusScan", "ip", "10.20.30.40");

        result.Success.Should().BeTrue(result.OutputText);
        var lookup = cloud.Peer.Requests[1];
        lookup.Method.Should().Be("GET");
        var path = Uri.UnescapeDataString(lookup.Path);
        path.Should().MatchRegex(@"^/api/v1\.0/machines/findbyip\(ip='10\.20\.30\.40',timestamp=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)$");
        var stamp = DateTime.Parse(path[(path.IndexOf("timestamp=", StringComparison.Ordinal) + 10)..^1], null, System.Globalization.DateTimeStyles.AdjustToUniversal);
        stamp.Should().BeCloseTo(before - TimeSpan.FromHours(1), TimeSpan.FromMinutes(2));
        var scan = cloud.Peer.Requests[2];
        scan.Path.Should().Be($"/api/v1.0/machines/{MachineId}/runAntiVirusScan");
        ((string?)scan.Json()["ScanType"]).Should().Be("Full");
        result.Operations.Single()["tag"]!.ToString().Should().Be("MsDefender:fullVirusScan");
    }

    [TestCase("isolateMachine", "isolate", "IsolationType", "MsDefender:isolated")]
    [TestCase("unisolateMachine", "unisolate", null, "MsDefender:unIsolated")]
    [TestCase("runFullVirusScan", "runAntiVirusScan", "ScanType", "MsDefender:fullVirusScan")]
    [TestCase("restrictAppExecution", "restrictCodeExecution", null, "MsDefender:restrictedAppExec")]
    [TestCase("unrestrictAppExecution", "unrestrictCodeExecution", null, "MsDefender:unrestrictedAppExec")]
    [TestCase("startAutoInvestigation", "startInvestigation", null, null)]
    public async Task EachMachineServicePostsItsActionAndLeavesItsTag(string service, string endpoint, string? extra, string? tag)
    {
        cloud.Peer.Answer(MicrosoftCloud.TokenAnswer())
            .Answer(MicrosoftCloud.Machines((MachineId, "srv-01")))
            .Answer(MicrosoftCloud.MachineAction(endpoint));

        var result = await Run(service, "hostname", "srv-01");

        result.Success.Should().BeTrue(result.OutputText);
        var action = cloud.Peer.Requests[2];
        action.Method.Should().Be("POST");
        action.Path.Should().Be($"/api/v1.0/machines/{MachineId}/{endpoint}");
        var fields = ((JObject)action.Json()).Properties().Select(p => p.Name).ToList();
        fields.Should().BeEquivalentTo(extra is null ? ["Comment"] : new[] { "Comment", extra });
        result.Operations.Select(o => (string?)o["tag"]).Should().Equal(tag is null ? [] : new[] { tag });
    }

    [TestCase("pushIOCAllowed", "Allowed", "Informational", false, "MsDefender:pushIOCAllowed")]
    [TestCase("pushIOCAudit", "Audit", "Informational", true, "MsDefender:pushIOCAudit")]
    [TestCase("pushIOCAlert", "Audit", "Informational", true, null)]
    [TestCase("pushIOCWarn", "Warn", "Medium", true, "MsDefender:pushIOCWarn")]
    [TestCase("pushIOCBlock", "Block", "Low", false, "MsDefender:pushIOCBlock")]
    public async Task EachIndicatorServicePushesItsActionSeverityAndAlert(string service, string action, string severity, bool alert, string? tag)
    {
        cloud.Peer.Answer(MicrosoftCloud.TokenAnswer())
            .Answer(HttpPeerAnswer.Json("""{"id":"995","indicatorValue":"evil.example","indicatorType":"DomainName"}"""));

        var result = await Run(service, "domain", "evil.example");

        result.Success.Should().BeTrue(result.OutputText);
        cloud.Peer.Requests.Should().HaveCount(2);
        var push = cloud.Peer.Requests[1];
        push.Method.Should().Be("POST");
        push.Headers["Host"].Should().Be("api.security.microsoft.com");
        push.Path.Should().Be("/api/v1.0/indicators");
        push.Json().ShouldBeJson(
            new JObject
            {
                ["indicatorValue"] = "evil.example",
                ["indicatorType"] = "DomainName",
                ["action"] = action,
                ["title"] = "TheHive IOC: Ransomware on finance laptops",
                ["severity"] = severity,
                ["description"] = "TheHive case: Ransomware on finance laptops - caseId 157",
                ["recommendedActions"] = "N/A",
                ["generateAlert"] = alert,
            });
        ((string?)result.Full!["indicatorId"]).Should().Be("995");
        result.Operations.Select(o => (string?)o["tag"]).Should().Equal(tag is null ? [] : new[] { tag });
    }

    [TestCase("hash", "44d88612fea8a8f36de82e1278abb02f", "FileMd5")]
    [TestCase("hash", "3395856ce81f2b7382dee72602f798b642f14140", "FileSha1")]
    [TestCase("hash", "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f", "FileSha256")]
    [TestCase("ip", "203.0.113.9", "IpAddress")]
    [TestCase("url", "https://evil.example/payload", "Url")]
    [TestCase("fqdn", "c2.evil.example", "DomainName")]
    public async Task TheIndicatorTypeFollowsTheObservable(string type, string value, string indicatorType)
    {
        cloud.Peer.Answer(MicrosoftCloud.TokenAnswer()).Answer(HttpPeerAnswer.Json("""{"id":"996"}"""));

        var result = await Run(type == "hash" ? "pushIOCBlockAndRemediate" : "pushIOCBlock", type, value);

        result.Success.Should().BeTrue(result.OutputText);
        var body = cloud.Peer.Requests[1].Json();
        ((string?)body["indicatorType"]).Should().Be(indicatorType);
        ((string?)body["indicatorValue"]).Should().Be(value);
    }

    [TestCase("isolateMachine", "url", "https://evil.example/", "isolateMachine does not apply to a url observable")]
    [TestCase("pushIOCBlockAndRemediate", "domain", "evil.example", "pushIOCBlockAndRemediate does not apply to a domain observable")]
    [TestCase("pushIOCBlock", "mail", "a@evil.example", "does not take mail observables")]
    [TestCase("pushIOCBlock", "hash", "abc123", "has 6 characters")]
    [TestCase("isolateMachine", "ip", "not-an-ip", "is not an IP address")]
    [TestCase("wipeMachine", "ip", "10.0.0.1", "config.service \"wipeMachine\" is not a service")]
    public async Task AnObservableTheServiceCannotTakeEndsTheJobBeforeAnyRequest(string service, string type, string value, string error)
    {
        var result = await Run(service, type, value);

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().Contain(error);
        cloud.Peer.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task ARefusedTokenNamesTheEndpointAndStatusWithoutTheSecret()
    {
        cloud.Peer.Answer(HttpPeerAnswer.Json(
            $$"""{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided ({{MicrosoftCloud.AppSecret}})."}""", 401));

        var result = await Run("isolateMachine", "hostname", "srv-01");

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().StartWith($"POST https://login.microsoftonline.com/{MicrosoftCloud.Tenant}/oauth2/token answered 401")
            .And.Contain("invalid_client").And.NotContain(MicrosoftCloud.AppSecret);
        result.OutputText.Should().NotContain(MicrosoftCloud.AppSecret);
        cloud.Peer.Requests.Should().ContainSingle();
    }

    [Test]
    public async Task AMachineDefenderDoesNotKnowEndsTheJobWithoutAnAction()
    {
        cloud.Peer.Answer(MicrosoftCloud.TokenAnswer()).Answer(MicrosoftCloud.Machines());

        var result = await Run("isolateMachine", "hostname", "ghost-01");

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().Be("Defender for Endpoint knows no machine named ghost-01: check the observable, and that the machine is onboarded");
        cloud.Peer.Requests.Should().HaveCount(2);
    }

    [Test]
    public async Task TwoMachinesForOneIpAreNotGuessedBetween()
    {
        cloud.Peer.Answer(MicrosoftCloud.TokenAnswer()).Answer(MicrosoftCloud.Machines(("aaa", "pc-1"), ("bbb", "pc-2")));

        var result = await Run("isolateMachine", "ip", "10.0.0.7");

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().Contain("2 machines").And.Contain("pc-1 (aaa)").And.Contain("pc-2 (bbb)").And.Contain("nothing was done");
        cloud.Peer.Requests.Should().HaveCount(2);
    }

    [Test]
    public async Task AForbiddenActionNamesTheRequestAndWhatWasAsked()
    {
        cloud.Peer.Answer(MicrosoftCloud.TokenAnswer())
            .Answer(MicrosoftCloud.Machines((MachineId, "srv-01")))
            .Answer(HttpPeerAnswer.Json("""{"error":{"code":"Forbidden","message":"Missing application roles. API required roles: Machine.Isolate"}}""", 403));

        var result = await Run("isolateMachine", "hostname", "srv-01");

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().StartWith($"POST https://api.security.microsoft.com/api/v1.0/machines/{MachineId}/isolate answered 403 Forbidden")
            .And.Contain("Machine.Isolate")
            .And.Contain($"already done, so check before running the job again: asked Defender for Endpoint to isolate machine srv-01 ({MachineId})")
            .And.NotContain(MicrosoftCloud.Token);
    }

    [Test]
    public async Task APendingRequestOfTheSameKindIsAReportNotAnError()
    {
        cloud.Peer.Answer(MicrosoftCloud.TokenAnswer())
            .Answer(MicrosoftCloud.Machines((MachineId, "srv-01")))
            .Answer(HttpPeerAnswer.Json("""{"error":{"code":"ActiveRequestAlreadyExists","message":"Action is already in progress"}}""", 400));

        var result = await Run("unisolateMachine", "hostname", "srv-01");

        result.Success.Should().BeTrue(result.OutputText);
        ((string?)result.Full!["status"]).Should().Be("ActiveRequestAlreadyExists");
        result.Operations.Single()["tag"]!.ToString().Should().Be("MsDefender:unIsolated");
    }

    [Test]
    public async Task AnotherBadRequestIsAnError()
    {
        cloud.Peer.Answer(MicrosoftCloud.TokenAnswer())
            .Answer(MicrosoftCloud.Machines((MachineId, "srv-01")))
            .Answer(HttpPeerAnswer.Json("""{"error":{"code":"InvalidRequestBody","message":"Comment is too long"}}""", 400));

        var result = await Run("restrictAppExecution", "hostname", "srv-01");

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().StartWith($"POST https://api.security.microsoft.com/api/v1.0/machines/{MachineId}/restrictCodeExecution answered 400 Bad Request: ")
            .And.Contain("Comment is too long");
    }

    [Test]
    public async Task ThrottlingIsWaitedOutThenTheJobGoesOn()
    {
        cloud.Peer.Answer(MicrosoftCloud.TokenAnswer())
            .Answer(HttpPeerAnswer.Busy(429, retryAfter: 1))
            .Answer(MicrosoftCloud.Machines((MachineId, "srv-01")))
            .Answer(MicrosoftCloud.MachineAction("Isolate"));

        var result = await Run("isolateMachine", "hostname", "srv-01");

        result.Success.Should().BeTrue(result.OutputText);
        cloud.Peer.Requests.Select(r => $"{r.Method} {r.Path}").Should().Equal(
            $"POST /{MicrosoftCloud.Tenant}/oauth2/token",
            "GET /api/v1.0/machines",
            "GET /api/v1.0/machines",
            $"POST /api/v1.0/machines/{MachineId}/isolate");
        cloud.Peer.Requests[2].Headers["Authorization"].Should().Be($"Bearer {MicrosoftCloud.Token}");
    }

    [Test]
    public async Task ANetworkThatSwallowsTheTrafficEndsInATimeout()
    {
        MSDefenderEndpointsResponder.RequestTimeout = TimeSpan.FromSeconds(2);
        cloud.Proxy.Mode = Cortex.Responders.TestSupport.Network.ConnectProxyBehaviour.Swallow;

        var result = await Run("pushIOCBlock", "domain", "evil.example");

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().StartWith($"POST https://login.microsoftonline.com/{MicrosoftCloud.Tenant}/oauth2/token did not answer within 2 s");
        cloud.Peer.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task AnUnreachableProxyIsNamed()
    {
        var closed = ClosedPort();

        var result = await ResponderJob.RunAsync<MSDefenderEndpointsResponder>(
            cloud.Job("pushIOCBlock", "domain", "evil.example", proxyUrl: $"http://127.0.0.1:{closed}"));

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().StartWith($"POST https://login.microsoftonline.com/{MicrosoftCloud.Tenant}/oauth2/token failed: ")
            .And.Contain("Connection refused");
        cloud.Peer.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task AProxyThatRefusesTheTunnelIsNamed()
    {
        cloud.Proxy.Mode = Cortex.Responders.TestSupport.Network.ConnectProxyBehaviour.Refuse;

        var result = await Run("pushIOCBlock", "domain", "evil.example");

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().StartWith($"POST https://login.microsoftonline.com/{MicrosoftCloud.Tenant}/oauth2/token failed: ").And.Contain("403");
    }

    [Test]
    public async Task WithoutTheOrganisationsCaTheServerIsNotTrusted()
    {
        var job = cloud.Job("pushIOCBlock", "domain", "evil.example");
        ((JObject)job["config"]!).Remove("cacerts");

        var result = await ResponderJob.RunAsync<MSDefenderEndpointsResponder>(job);

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().Contain("the TLS connection failed");
        cloud.Peer.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task TheOrganisationsCaAlsoComesAsInputCacerts()
    {
        cloud.Peer.Answer(MicrosoftCloud.TokenAnswer()).Answer(HttpPeerAnswer.Json("""{"id":"997"}"""));
        var job = cloud.Job("pushIOCWarn", "url", "https://evil.example/login");
        ((JObject)job["config"]!).Remove("cacerts");

        var result = await ResponderJob.RunAsync<MSDefenderEndpointsResponder>(job, new JobOptions { CaCertificates = cloud.Network.AuthorityPem });

        result.Success.Should().BeTrue(result.OutputText);
        cloud.Peer.Requests.Should().HaveCount(2);
    }

    [Test]
    public async Task AQuoteInAHostnameIsDoubledInTheFilter()
    {
        cloud.Peer.Answer(MicrosoftCloud.TokenAnswer()).Answer(MicrosoftCloud.Machines());

        var result = await Run("isolateMachine", "hostname", "x' or computerDnsName ne 'y");

        result.Success.Should().BeFalse();
        Uri.UnescapeDataString(cloud.Peer.Requests[1].Query).Should().Be("?$filter=computerDnsName eq 'x'' or computerDnsName ne ''y'");
    }

    private Task<ResponderResult> Run(string service, string type, string value) =>
        ResponderJob.RunAsync<MSDefenderEndpointsResponder>(cloud.Job(service, type, value));

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
