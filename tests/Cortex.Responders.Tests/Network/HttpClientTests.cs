using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Tests.Network;

/// <summary>CreateHttpClient honours the job's proxies and CA certificates, keeps validation on, and times out (the responder below GETs config.url).</summary>
[TestFixture]
public sealed class HttpClientTests
{
    private readonly TestCertificates certificates = new();

    [OneTimeTearDown]
    public void DisposeCertificates() => certificates.Dispose();

    [Test]
    public async Task RequestGoesThroughTheJobsHttpProxy()
    {
        await using var proxy = await LoopbackWebServer.StartAsync();

        var result = await TestJob.RunAsync<HttpResponder>(new JObject
        {
            ["url"] = "http://upstream.invalid/check",
            ["proxy"] = new JObject { ["http"] = proxy.Address.ToString() },
        });

        result.Success.Should().BeTrue(result.OutputText);
        ((string?)result.Full!["body"]).Should().Be("GET upstream.invalid/check", "the proxy received the request for the upstream host");
    }

    [Test]
    public async Task HostsInNoProxyAreReachedDirectly()
    {
        await using var proxy = await LoopbackWebServer.StartAsync();
        await using var direct = await LoopbackWebServer.StartAsync();

        var result = await TestJob.RunAsync<HttpResponder>(
            new JObject { ["url"] = new Uri(direct.Address, "/direct").ToString(), ["proxy"] = new JObject { ["http"] = "http://127.0.0.2:9" } },
            new() { Environment = new Dictionary<string, string> { ["no_proxy"] = "localhost,127.0.0.1" } });

        result.Success.Should().BeTrue(result.OutputText);
        ((string?)result.Full!["body"]).Should().Be($"GET {direct.Address.Authority}/direct");
    }

    [Test]
    public async Task ServerSignedByTheJobsCaIsTrusted()
    {
        await using var server = await LoopbackWebServer.StartAsync(certificates.IssueServer());

        var result = await TestJob.RunAsync<HttpResponder>(
            new JObject { ["url"] = new Uri(server.Address, "/tls").ToString() },
            new() { CaCertificates = certificates.AuthorityPem });

        result.Success.Should().BeTrue(result.OutputText);
        ((string?)result.Full!["body"]).Should().Be($"GET {server.Address.Authority}/tls");
    }

    [Test]
    public async Task CaGivenInConfigIsTrustedToo()
    {
        await using var server = await LoopbackWebServer.StartAsync(certificates.IssueServer());

        var result = await TestJob.RunAsync<HttpResponder>(new JObject
        {
            ["url"] = server.Address.ToString(),
            ["cacerts"] = certificates.AuthorityPem,
        });

        result.Success.Should().BeTrue(result.OutputText);
    }

    [TestCase("Stranger CA", "localhost", TestName = "UntrustedServerIsRefused(signed by an unknown CA)")]
    [TestCase(null, "other.example", TestName = "UntrustedServerIsRefused(trusted CA, wrong host name)")]
    public async Task UntrustedServerIsRefused(string? otherCa, string hostName)
    {
        using var stranger = otherCa is null ? null : new TestCertificates(otherCa);
        await using var server = await LoopbackWebServer.StartAsync((stranger ?? certificates).IssueServer(hostName));

        var result = await TestJob.RunAsync<HttpResponder>(
            new JObject { ["url"] = server.Address.ToString() },
            new() { CaCertificates = certificates.AuthorityPem });

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().StartWith("HttpRequestException: The SSL connection could not be established");
    }

    [Test]
    public async Task MalformedCaCertificatesAreAClearError()
    {
        await using var server = await LoopbackWebServer.StartAsync(certificates.IssueServer());

        var result = await TestJob.RunAsync<HttpResponder>(
            new JObject { ["url"] = server.Address.ToString() },
            new() { CaCertificates = "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n" });

        result.ErrorMessage.Should().StartWith("the CA certificates in ").And.Contain("input/cacerts cannot be read");
    }

    [Test]
    public async Task SlowServerHitsTheTimeout()
    {
        await using var server = await LoopbackWebServer.StartAsync(delay: TimeSpan.FromSeconds(30));

        var result = await TestJob.RunAsync<HttpResponder>(new JObject { ["url"] = server.Address.ToString(), ["timeout"] = 0.5 });

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().Contain("HttpClient.Timeout of 0.5 seconds");
    }

    [Test]
    public async Task ProxySettingThatIsNotAUrlIsAClearError()
    {
        var result = await TestJob.RunAsync<HttpResponder>(new JObject { ["url"] = "http://x.invalid/", ["proxy"] = new JObject { ["http"] = "http://[bad" } });

        result.ErrorMessage.Should().Be("config.proxy.http must be a proxy URL such as http://proxy.example:3128 (http, https, socks4, socks4a or socks5)");
    }

    /// <summary>GETs config.url with CreateHttpClient (timeout config.timeout, 10 s by default) and reports the status and body.</summary>
    private sealed class HttpResponder : Responder
    {
        protected override async Task RunAsync(CancellationToken cancellationToken)
        {
            using var client = CreateHttpClient(TimeSpan.FromSeconds(GetParam("config.timeout", 10.0)));
            var response = await client.GetAsync(GetParam<string>("config.url", message: "config.url is missing"), cancellationToken);
            Report(new JObject { ["status"] = (int)response.StatusCode, ["body"] = await response.Content.ReadAsStringAsync(cancellationToken) });
        }
    }
}
