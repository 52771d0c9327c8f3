using Cortex.Responders;
using System.Net;
using Cortex.Responders.Testing;
using Cortex.Responders.TestSupport;
using Cortex.Responders.TestSupport.Network;
using FluentAssertions;
using NUnit.Framework;

namespace Cortex.Workers.Responders.MSEntraID.Tests;

/// <summary>The responder in-process against Entra ID and Microsoft Graph on a corporate network: its requests, reports, tags and errors.</summary>
[TestFixture]
[NonParallelizable]
public sealed class EntraTests
{
    private const string User = "j.doe@corp.example";

    private MicrosoftCloud cloud = null!;

    [SetUp]
    public async Task StartCloud() => cloud = await MicrosoftCloud.StartAsync();

    [TearDown]
    public async Task StopCloud()
    {
        MSEntraIDResponder.RequestTimeout = null;
        await cloud.DisposeAsync();
    }

    [Test]
    public async Task RevokingTakesAV2TokenResolvesTheUserAndRevokesTheirSessions()
    {
        cloud.Peer.Answer(MicrosoftCloud.TokenAnswer())
            .Answer(MicrosoftCloud.UserLookup())
            .Answer(HttpPeerAnswerJson("""{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#Edm.Boolean","value":true}"""));

        var result = await Run("revokeSignInSessions");

        result.Success.Should().BeTrue(result.OutputText);
        var requests = cloud.Peer.Requests;
        requests.Should().HaveCount(3);

        var token = requests[0];
        token.Method.Should().Be("POST");
        token.Headers["Host"].Should().Be("login.microsoftonline.com");
        token.Path.Should().Be($"/{MicrosoftCloud.Tenant}/oauth2/v2.0/token");
        token.Headers.Should().NotContainKey("Authorization");
        token.Form().Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = MicrosoftCloud.ClientId,
            ["client_secret"] = MicrosoftCloud.ClientSecret,
            ["scope"] = "https://graph.microsoft.com/.default",
        });

        var lookup = requests[1];
        lookup.Method.Should().Be("GET");
        lookup.Headers["Host"].Should().Be("graph.microsoft.com");
        lookup.Path.Should().Be($"/v1.0/users/{User}");
        Uri.UnescapeDataString(lookup.Query).Should().Be("?$select=id");
        lookup.Headers["Authorization"].Should().Be($"Bearer {MicrosoftCloud.Token}");

        var revoke = requests[2];
        revoke.Method.Should().Be("POST");
        revoke.Path.Should().Be($"/v1.0/users/{MicrosoftCloud.UserId}/revokeSignInSessions");
        revoke.Body.Should().BeEmpty();
        revoke.Headers["Authorization"].Should().Be($"Bearer {MicrosoftCloud.Token}");

        ((string?)result.Full!["message"]).Should().StartWith($"every refresh token and browser session of {User} was revoked at ");
        ((string?)result.Full["id"]).Should().Be(MicrosoftCloud.UserId);
        result.Operations.Should().ContainSingle().Which.ShouldBeJson("""{"type":"AddTagToArtifact","tag":"MSEntraID:revokeSignInSessions"}""");
        cloud.Proxy.Targets.Should().Equal("login.microsoftonline.com:443", "graph.microsoft.com:443");
    }

    [TestCase("forcePasswordReset", false)]
    [TestCase("forcePasswordResetWithMFA", true)]
    public async Task APasswordResetPatchesThePasswordProfile(string service, bool mfa)
    {
        cloud.Peer.Answer(MicrosoftCloud.TokenAnswer()).Answer(MicrosoftCloud.UserLookup()).Answer(MicrosoftCloud.NoContent());

        var result = await Run(service);

        result.Success.Should().BeTrue(result.OutputText);
        var patch = cloud.Peer.Requests[2];
        patch.Method.Should().Be("PATCH");
        patch.Path.Should().Be($"/v1.0/users/{MicrosoftCloud.UserId}");
        patch.Headers["Content-Type"].Should().StartWith("application/json");
        patch.Json().ShouldBeJson(mfa
            ? """{"passwordProfile":{"forceChangePasswordNextSignIn":true,"forceChangePasswordNextSignInWithMfa":true}}"""
            : """{"passwordProfile":{"forceChangePasswordNextSignIn":true}}""");
        ((string?)result.Full!["message"]).Should().Contain(mfa ? "must pass MFA" : "must change their password");
        result.Operations.Single()["tag"]!.ToString().Should().Be($"MSEntraID:{service}");
    }

    [TestCase("disableUser", true, false)]
    [TestCase("enableUser", false, true)]
    public async Task AnAccountInTheOtherStateIsSwitched(string service, bool current, bool wanted)
    {
        cloud.Peer.Answer(MicrosoftCloud.TokenAnswer())
            .Answer(MicrosoftCloud.UserLookup())
            .Answer(MicrosoftCloud.AccountEnabled(current))
            .Answer(MicrosoftCloud.NoContent());

        var result = await Run(service);

        result.Success.Should().BeTrue(result.OutputText);
        var check = cloud.Peer.Requests[2];
        check.Method.Should().Be("GET");
        check.Path.Should().Be($"/v1.0/users/{MicrosoftCloud.UserId}");
        Uri.UnescapeDataString(check.Query).Should().Be("?$select=accountEnabled");
        var patch = cloud.Peer.Requests[3];
        patch.Method.Should().Be("PATCH");
        patch.Path.Should().Be($"/v1.0/users/{MicrosoftCloud.UserId}");
        patch.Json().ShouldBeJson($$"""{"accountEnabled":{{(wanted ? "true" : "false")}}}""");
        ((string?)result.Full!["message"]).Should().Be($"{User} is now {(wanted ? "enabled" : "disabled")} in Entra ID");
        result.Operations.Single()["tag"]!.ToString().Should().Be($"MSEntraID:{service}");
    }

    [TestCase("disableUser", false)]
    [TestCase("enableUser", true)]
    public async Task AnAccountAlreadyInTheWantedStateIsLeftAlone(string service, bool current)
    {
        cloud.Peer.Answer(MicrosoftCloud.TokenAnswer()).Answer(MicrosoftCloud.UserLookup()).Answer(MicrosoftCloud.AccountEnabled(current));

        var result = await Run(service);

        result.Success.Should().BeTrue(result.OutputText);
        cloud.Peer.Requests.Should().HaveCount(3);
        ((string?)result.Full!["message"]).Should().Be($"{User} is already {(current ? "enabled" : "disabled")} in Entra ID: nothing was changed");
        result.Operations.Single()["tag"]!.ToString().Should().Be($"MSEntraID:{service}");
    }

    [Test]
    public async Task AnObjectIdIsUsedAsItIsWithoutALookup()
    {
        cloud.Peer.Answer(MicrosoftCloud.TokenAnswer()).Answer(MicrosoftCloud.NoContent());

        var result = await ResponderJob.RunAsync<MSEntraIDResponder>(cloud.Job("forcePasswordReset", MicrosoftCloud.UserId));

        result.Success.Should().BeTrue(result.OutputText);
        cloud.Peer.Requests.Select(r => $"{r.Method} {r.Path}").Should().Equal(
            $"POST /{MicrosoftCloud.Tenant}/oauth2/v2.0/token", $"PATCH /v1.0/users/{MicrosoftCloud.UserId}");
    }

    [TestCase("revokeSignInSessions")]
    [TestCase("forcePasswordResetWithMFA")]
    public async Task AnObservableThatIsNotAMailEndsTheJobBeforeAnyRequest(string service)
    {
        var result = await ResponderJob.RunAsync<MSEntraIDResponder>(cloud.Job(service, "10.0.0.1", type: "ip"));

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().Be("MSEntraID acts on a mail observable (the user's principal name), not on ip");
        cloud.Peer.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task AnUnknownServiceEndsTheJobBeforeAnyRequest()
    {
        var result = await Run("deleteUser");

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().StartWith("config.service \"deleteUser\" is not a service of MSEntraID");
        cloud.Peer.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task ARefusedTokenNamesTheEndpointAndStatusWithoutTheSecret()
    {
        cloud.Peer.Answer(HttpPeerAnswerJson(
            $$"""{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided: {{MicrosoftCloud.ClientSecret}}"}""", 401));

        var result = await Run("disableUser");

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().StartWith($"POST https://login.microsoftonline.com/{MicrosoftCloud.Tenant}/oauth2/v2.0/token answered 401 Unauthorized: ")
            .And.Contain("AADSTS7000215").And.NotContain(MicrosoftCloud.ClientSecret);
        result.OutputText.Should().NotContain(MicrosoftCloud.ClientSecret);
    }

    [Test]
    public async Task AUserNotInTheTenantIsSaidSo()
    {
        cloud.Peer.Answer(MicrosoftCloud.TokenAnswer())
            .Answer(MicrosoftCloud.GraphError(404, "Request_ResourceNotFound", $"Resource '{User}' does not exist or one of its queried reference-property objects are not present."));

        var result = await Run("disableUser");

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().StartWith($"{User} is not a user of this Entra ID tenant (Microsoft Graph answered 404 to GET https://graph.microsoft.com/v1.0/users/");
        cloud.Peer.Requests.Should().HaveCount(2);
    }

    [Test]
    public async Task AForbiddenChangeNamesTheRequestAndWhatWasAsked()
    {
        cloud.Peer.Answer(MicrosoftCloud.TokenAnswer())
            .Answer(MicrosoftCloud.UserLookup())
            .Answer(MicrosoftCloud.AccountEnabled(true))
            .Answer(MicrosoftCloud.GraphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation."));

        var result = await Run("disableUser");

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().StartWith($"PATCH https://graph.microsoft.com/v1.0/users/{MicrosoftCloud.UserId} answered 403 Forbidden: ")
            .And.Contain("Insufficient privileges")
            .And.EndWith($"already done, so check before running the job again: asked Entra ID to disable the account of {User}")
            .And.NotContain(MicrosoftCloud.Token);
    }

    [Test]
    public async Task ThrottlingIsWaitedOutThenTheJobGoesOn()
    {
        cloud.Peer.Answer(MicrosoftCloud.TokenAnswer())
            .Answer(MicrosoftCloud.UserLookup())
            .Answer(Cortex.Responders.Testing.Http.HttpPeerAnswer.Busy(429, retryAfter: 1))
            .Answer(HttpPeerAnswerJson("""{"value":true}"""));

        var result = await Run("revokeSignInSessions");

        result.Success.Should().BeTrue(result.OutputText);
        cloud.Peer.Requests.Select(r => $"{r.Method} {r.Path}").Should().Equal(
            $"POST /{MicrosoftCloud.Tenant}/oauth2/v2.0/token",
            $"GET /v1.0/users/{User}",
            $"POST /v1.0/users/{MicrosoftCloud.UserId}/revokeSignInSessions",
            $"POST /v1.0/users/{MicrosoftCloud.UserId}/revokeSignInSessions");
    }

    [Test]
    public async Task ThrottlingBeyondTheJobsTimeEndsTheJobAndSaysWhen()
    {
        var busy = Cortex.Responders.Testing.Http.HttpPeerAnswer.Busy(503, retryAfter: 3600);
        cloud.Peer.Answer(MicrosoftCloud.TokenAnswer()).Answer(MicrosoftCloud.UserLookup()).Answer(busy);

        var result = await Run("revokeSignInSessions");

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().StartWith($"POST https://graph.microsoft.com/v1.0/users/{MicrosoftCloud.UserId}/revokeSignInSessions answered 503 Service Unavailable and asks to retry in 3600 s")
            .And.Contain("already done, so check before running the job again");
    }

    [Test]
    public async Task ANetworkThatSwallowsTheTrafficEndsInATimeout()
    {
        MSEntraIDResponder.RequestTimeout = TimeSpan.FromSeconds(2);
        cloud.Proxy.Mode = ConnectProxyBehaviour.Swallow;

        var result = await Run("revokeSignInSessions");

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().Be($"POST https://login.microsoftonline.com/{MicrosoftCloud.Tenant}/oauth2/v2.0/token did not answer within 2 s");
    }

    [Test]
    public async Task AnUnreachableProxyIsNamed()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closed = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await ResponderJob.RunAsync<MSEntraIDResponder>(cloud.Job("revokeSignInSessions", User, proxyUrl: $"http://127.0.0.1:{closed}"));

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().StartWith($"POST https://login.microsoftonline.com/{MicrosoftCloud.Tenant}/oauth2/v2.0/token failed: ").And.Contain("Connection refused");
    }

    private static Cortex.Responders.Testing.Http.HttpPeerAnswer HttpPeerAnswerJson(string json, int status = 200) => Cortex.Responders.Testing.Http.HttpPeerAnswer.Json(json, status);

    private Task<ResponderResult> Run(string service) => ResponderJob.RunAsync<MSEntraIDResponder>(cloud.Job(service, User));
}
