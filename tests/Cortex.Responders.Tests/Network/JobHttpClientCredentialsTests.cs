using Cortex.Responders.Testing.Http;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Tests.Network;

/// <summary>The v1 (resource) form of the client-credentials grant, and a token fetched once per helper.</summary>
[TestFixture]
public sealed class JobHttpClientCredentialsTests
{
    private const string Secret = "s3cret-of-the-v1-app";

    [Test]
    public async Task TheV1FormNamesTheResourceAndTheTokenIsFetchedOnce()
    {
        await using var peer = await HttpPeer.StartAsync();
        peer.Answer("/tenant/oauth2/token", HttpPeerAnswer.Json("""{"token_type":"Bearer","expires_in":"3599","access_token":"v1-t0ken"}"""));

        var result = await TestJob.RunAsync<TwoCalls>(new JObject { ["base"] = peer.Url("/"), ["secret"] = Secret });

        result.Success.Should().BeTrue(result.OutputText);
        peer.Requests.Select(r => $"{r.Method} {r.Path}").Should().Equal("POST /tenant/oauth2/token", "GET /api/one", "GET /api/two");
        peer.Requests[0].Form().Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "app-1",
            ["client_secret"] = Secret,
            ["resource"] = "https://api.example",
        });
        peer.Requests[1].Headers["Authorization"].Should().Be("Bearer v1-t0ken");
        peer.Requests[2].Headers["Authorization"].Should().Be("Bearer v1-t0ken");
    }

    [Test]
    public async Task AnAlmostExpiredTokenIsFetchedAgainAndNeverShown()
    {
        await using var peer = await HttpPeer.StartAsync();
        peer.Answer("/tenant/oauth2/token", HttpPeerAnswer.Json("""{"expires_in":30,"access_token":"short-lived-t0ken"}"""))
            .Answer("/tenant/oauth2/token", HttpPeerAnswer.Json("""{"expires_in":3600,"access_token":"second-t0ken"}"""))
            .Answer("/api/one", HttpPeerAnswer.Json("{}"))
            .Answer("/api/two", HttpPeerAnswer.Json("""{"error":"token short-lived-t0ken or second-t0ken refused"}""", 401));

        var result = await TestJob.RunAsync<TwoCalls>(new JObject { ["base"] = peer.Url("/"), ["secret"] = Secret });

        result.Success.Should().BeFalse();
        peer.Requests.Select(r => $"{r.Method} {r.Path}").Should().Equal("POST /tenant/oauth2/token", "GET /api/one", "POST /tenant/oauth2/token", "GET /api/two");
        result.ErrorMessage.Should().StartWith($"GET {peer.Address}api/two answered 401").And.NotContain("t0ken");
    }

    /// <summary>Two API calls, each after asking for the token (as two parts of a worker would).</summary>
    private sealed class TwoCalls : Responder
    {
        protected override async Task RunAsync(CancellationToken cancellationToken)
        {
            var root = RequireParam<string>("config.base", "base");
            var secret = RequireParam<string>("config.secret", "secret");
            using var http = CreateHttp();
            await http.UseResourceTokenAsync(root + "tenant/oauth2/token", "app-1", secret, "https://api.example", cancellationToken);
            await http.GetJsonAsync(root + "api/one", cancellationToken);
            await http.UseResourceTokenAsync(root + "tenant/oauth2/token", "app-1", secret, "https://api.example", cancellationToken);
            await http.GetJsonAsync(root + "api/two", cancellationToken);
            Report(new JObject { ["done"] = true });
        }
    }
}
