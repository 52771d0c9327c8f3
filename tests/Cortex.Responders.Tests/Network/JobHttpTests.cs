using System.Net;
using System.Net.Http.Headers;
using Cortex.Responders.Network;
using Cortex.Responders.Testing;
using Cortex.Responders.Testing.Http;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Tests.Network;

/// <summary>CreateHttp against a real loopback server (HttpPeer): JSON and forms, refusals as one scrubbed line, retries, OAuth2 client credentials.</summary>
[TestFixture]
public sealed class JobHttpTests
{
    private const string Token = "t0ken-of-the-webhook";
    private readonly TestCertificates certificates = new();

    [OneTimeTearDown]
    public void DisposeCertificates() => certificates.Dispose();

    [Test]
    public async Task WebhookPostsTheCaseAsJsonWithItsBearerToken()
    {
        await using var peer = await HttpPeer.StartAsync();
        peer.Answer(HttpPeerAnswer.Json("""{"id": "evt-42"}""", status: 201));

        var result = await RunAsync<Webhook>(peer.Url("/hooks/notify"));

        result.Success.Should().BeTrue(result.OutputText);
        result.Full!["event"]!.Value<string>().Should().Be("evt-42");
        result.Operations.Should().ContainSingle().Which["tag"]!.Value<string>().Should().Be("webhook:sent");
        var request = peer.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("POST");
        request.Path.Should().Be("/hooks/notify");
        request.Headers["Authorization"].Should().Be($"Bearer {Token}");
        request.Headers["Content-Type"].Should().Be("application/json; charset=utf-8");
        request.Json()["title"]!.Value<string>().Should().Be("Phishing report");
    }

    [Test]
    public async Task RefusalNamesMethodUrlStatusAndAScrubbedExcerpt()
    {
        await using var peer = await HttpPeer.StartAsync();
        var echo = $"{{\"error\": \"bad token {Token}\", \"detail\": \"{new string('x', 400)}\"}}";
        peer.Answer(HttpPeerAnswer.Json(echo, status: 500));
        var url = new UriBuilder(peer.Url("/hooks/notify?team=soc")) { UserName = "hook", Password = "pa55word" }.Uri.ToString();

        var result = await RunAsync<Webhook>(url);

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().StartWith($"POST {peer.Address}hooks/notify?team=soc answered 500 Internal Server Error: {{\"error\": \"bad token REMOVED\"")
            .And.EndWith("…")
            .And.NotContain(Token).And.NotContain("pa55word").And.NotContain("hook:");
        result.ErrorMessage!.Length.Should().BeLessThan(400, "the excerpt is short");
        result.Operations.Should().BeEmpty();
    }

    [Test]
    public async Task TooManyRequestsIsRetriedAsRetryAfterSays()
    {
        await using var peer = await HttpPeer.StartAsync();
        peer.Answer(HttpPeerAnswer.Busy(429, retryAfter: 0)).Answer(HttpPeerAnswer.Busy(503, retryAfter: 0)).Answer(HttpPeerAnswer.Json("""{"id": "evt-3"}"""));

        var result = await RunAsync<Webhook>(peer.Url("/hooks/notify"));

        result.Success.Should().BeTrue(result.OutputText);
        peer.Requests.Should().HaveCount(3);
        peer.Requests.Select(r => r.Json()["title"]!.Value<string>()).Should().AllBe("Phishing report", "each retry sends the body again");
    }

    [Test]
    public async Task RetriesAreBounded()
    {
        await using var peer = await HttpPeer.StartAsync();
        peer.Otherwise = HttpPeerAnswer.Busy(503, retryAfter: 0);

        var result = await RunAsync<Webhook>(peer.Url("/hooks/notify"), new JObject { ["retries"] = 2 });

        result.ErrorMessage.Should().StartWith($"POST {peer.Address}hooks/notify answered 503 Service Unavailable (after 2 retries): {{\"error\":\"slow down\"}}");
        peer.Requests.Should().HaveCount(3);
    }

    [Test]
    public async Task RetryAfterBeyondTheJobsRemainingTimeFailsAtOnce()
    {
        await using var peer = await HttpPeer.StartAsync();
        peer.Otherwise = HttpPeerAnswer.Busy(429, retryAfter: 3600);

        var result = await RunAsync<Webhook>(peer.Url("/hooks/notify"), new JObject { ["jobTimeout"] = 2 });

        result.ErrorMessage.Should().MatchRegex(@"^POST http://127\.0\.0\.1:\d+/hooks/notify answered 429 Too Many Requests and asks to retry in 3600 s, beyond the job's remaining 1\d\d s: try the job again later$");
        peer.Requests.Should().ContainSingle();
    }

    [Test]
    public async Task RetryAfterBeyondTheLongestWaitFailsAtOnceWithoutATimeout()
    {
        await using var peer = await HttpPeer.StartAsync();
        peer.Otherwise = HttpPeerAnswer.Busy(503, retryAfter: 86400);

        var result = await RunAsync<Webhook>(peer.Url("/hooks/notify"));

        result.ErrorMessage.Should().EndWith("asks to retry in 86400 s, beyond the longest wait allowed (300 s, MaxRetryDelay): try the job again later");
    }

    [Test]
    public async Task UnreachableServerIsOneLine()
    {
        var result = await RunAsync<Webhook>("http://127.0.0.1:9/hooks/notify");

        result.ErrorMessage.Should().StartWith("POST http://127.0.0.1:9/hooks/notify failed: Connection refused");
    }

    [Test]
    public async Task AnswerThatIsNotJsonIsAClearError()
    {
        await using var peer = await HttpPeer.StartAsync();
        peer.Answer(HttpPeerAnswer.Text("<html>login</html>"));

        var result = await RunAsync<Webhook>(peer.Url("/hooks/notify"));

        result.ErrorMessage.Should().StartWith($"POST {peer.Address}hooks/notify answered 200 but not with JSON (").And.EndWith("): <html>login</html>");
    }

    [Test]
    public async Task UrlThatIsNotHttpIsAClearError()
    {
        var result = await RunAsync<Webhook>("ftp://files.example/drop");

        result.ErrorMessage.Should().Be("POST ftp://files.example/drop: the URL must be an absolute http(s) URL, such as https://hooks.example.org/notify");
    }

    [Test]
    public async Task ServerSignedByTheJobsCaIsTrusted()
    {
        await using var peer = await HttpPeer.StartAsync(certificates.IssueServer());

        var result = await TestJob.RunAsync<Webhook>(
            new JObject { ["url"] = peer.Url("/hooks/notify"), ["token"] = Token },
            new() { CaCertificates = certificates.AuthorityPem });

        result.Success.Should().BeTrue(result.OutputText);
        peer.Address.Scheme.Should().Be("https");
    }

    [Test]
    public async Task UntrustedServerIsRefusedInOneLine()
    {
        await using var peer = await HttpPeer.StartAsync(certificates.IssueServer());

        var result = await RunAsync<Webhook>(peer.Url("/hooks/notify"));

        result.ErrorMessage.Should().StartWith($"POST {peer.Address}hooks/notify failed: the TLS connection failed: ");
    }

    [Test]
    public async Task ClientCredentialsTokenIsFetchedAndSentAsBearer()
    {
        await using var peer = await HttpPeer.StartAsync();
        peer.Answer("/tenant/oauth2/v2.0/token", HttpPeerAnswer.Json("""{"token_type": "Bearer", "expires_in": 3599, "access_token": "eyJ-access"}"""));
        peer.Answer("/api/machines/isolate", HttpPeerAnswer.Json("""{"id": "action-1"}"""));

        var result = await TestJob.RunAsync<Isolate>(new JObject { ["base"] = peer.Url("/"), ["client_id"] = "app-1", ["client_secret"] = "s3cret-of-the-app" });

        result.Success.Should().BeTrue(result.OutputText);
        peer.Requests.Select(r => r.Path).Should().Equal("/tenant/oauth2/v2.0/token", "/api/machines/isolate");
        var form = peer.Requests[0].Form();
        form.Should().Contain("grant_type", "client_credentials").And.Contain("client_id", "app-1").And.Contain("client_secret", "s3cret-of-the-app")
            .And.Contain("scope", "https://api.securitycenter.microsoft.com/.default");
        peer.Requests[0].Headers.Should().NotContainKey("Authorization");
        peer.Requests[0].Headers["Content-Type"].Should().Be("application/x-www-form-urlencoded");
        peer.Requests[1].Headers["Authorization"].Should().Be("Bearer eyJ-access");
    }

    [Test]
    public async Task RefusedClientIsScrubbedEvenWhenTheServerEchoesTheSecretAndToken()
    {
        await using var peer = await HttpPeer.StartAsync();
        peer.Answer("/tenant/oauth2/v2.0/token", HttpPeerAnswer.Json("""{"access_token": "eyJ-access"}"""));
        peer.Answer("/api/machines/isolate", HttpPeerAnswer.Json("""{"error": "token eyJ-access expired, secret s3cret-of-the-app"}""", status: 401));

        var result = await TestJob.RunAsync<Isolate>(new JObject { ["base"] = peer.Url("/"), ["client_id"] = "app-1", ["client_secret"] = "s3cret-of-the-app" });

        result.ErrorMessage.Should().Be($"POST {peer.Address}api/machines/isolate answered 401 Unauthorized: {{\"error\": \"token REMOVED expired, secret REMOVED\"}}");
    }

    [Test]
    public async Task TokenEndpointWithoutATokenIsAClearError()
    {
        await using var peer = await HttpPeer.StartAsync();
        peer.Answer("/tenant/oauth2/v2.0/token", HttpPeerAnswer.Json("""{"error": "invalid_client"}"""));

        var result = await TestJob.RunAsync<Isolate>(new JObject { ["base"] = peer.Url("/"), ["client_id"] = "app-1", ["client_secret"] = "s3cret-of-the-app" });

        result.ErrorMessage.Should().Be($"POST {peer.Address}tenant/oauth2/v2.0/token answered without an access_token: {{\"error\":\"invalid_client\"}}");
    }

    [Test]
    public async Task AcceptedStatusIsLeftToTheWorker()
    {
        await using var peer = await HttpPeer.StartAsync();
        peer.Answer(HttpPeerAnswer.Json("""{"message": "unknown hash"}""", status: 404));

        var result = await TestJob.RunAsync<Lookup>(new JObject { ["url"] = peer.Url("/files/") });

        result.Success.Should().BeTrue(result.OutputText);
        result.Full!["found"]!.Value<bool>().Should().BeFalse();
        peer.Requests.Should().ContainSingle().Which.Path.Should().Be("/files/44d88612fea8a8f36de82e1278abb02f");
    }

    [Test]
    public async Task PeerRecordsRequestsAndWaitsForThem()
    {
        await using var peer = await HttpPeer.StartAsync();
        using var client = new HttpClient();

        var waiting = peer.WaitForRequestsAsync(2, TimeSpan.FromSeconds(60));
        (await client.GetAsync(peer.Url("/a?x=1"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.PutAsync(peer.Url("/b"), new StringContent("hello"))).StatusCode.Should().Be(HttpStatusCode.OK);

        (await waiting).Select(r => r.ToString()).Should().Equal("GET /a?x=1", "PUT /b");
        peer.Requests[1].BodyText.Should().Be("hello");
    }

    private static Task<ResponderResult> RunAsync<T>(string url, JObject? more = null)
        where T : Responder, new()
    {
        var config = new JObject { ["url"] = url, ["token"] = Token };
        config.Merge(more ?? []);
        return TestJob.RunAsync<T>(config);
    }

    /// <summary>The webhook of a worker author's first day, with the helpers: POST the case, tag it on success.</summary>
    private sealed class Webhook : Responder
    {
        protected override async Task RunAsync(CancellationToken cancellationToken)
        {
            using var http = CreateHttp();
            http.MaxRetries = GetParam("config.retries", 3);
            http.Authorization = new AuthenticationHeaderValue("Bearer", RequireParam<string>("config.token", "Missing token"));
            var answer = await http.PostJsonAsync(RequireParam<string>("config.url", "Missing url"), GetData(), cancellationToken);
            Report(new JObject { ["event"] = answer?["id"] });
        }

        protected override IEnumerable<Operation> Operations(JObject full) => [Operation.AddTag(DataType, "webhook:sent")];
    }

    /// <summary>A Defender-like call: an Entra client-credentials token, then a POST with it.</summary>
    private sealed class Isolate : Responder
    {
        protected override async Task RunAsync(CancellationToken cancellationToken)
        {
            using var http = CreateHttp();
            http.BaseAddress = new Uri(RequireParam<string>("config.base", "Missing base"));
            await http.UseClientCredentialsAsync(
                "tenant/oauth2/v2.0/token",
                RequireParam<string>("config.client_id", "Missing client_id"),
                RequireParam<string>("config.client_secret", "Missing client_secret"),
                "https://api.securitycenter.microsoft.com/.default",
                cancellationToken);
            var answer = await http.PostJsonAsync("api/machines/isolate", new JObject { ["Comment"] = "isolated by Cortex" }, cancellationToken);
            Report(new JObject { ["action"] = answer?["id"] });
        }
    }

    /// <summary>A lookup where 404 means "unknown", handled by the worker.</summary>
    private sealed class Lookup : Responder
    {
        protected override async Task RunAsync(CancellationToken cancellationToken)
        {
            using var http = CreateHttp();
            var url = RequireParam<string>("config.url", "Missing url") + "44d88612fea8a8f36de82e1278abb02f";
            using var response = await http.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url), cancellationToken, HttpStatusCode.NotFound);
            Report(new JObject { ["found"] = response.StatusCode != HttpStatusCode.NotFound, ["answer"] = await http.ReadJsonAsync(response, cancellationToken) });
        }
    }
}
