using Cortex.Responders.Network;
using FluentAssertions;
using NUnit.Framework;

namespace Cortex.Responders.Tests.Network;

[TestFixture]
public sealed class JobProxyTests
{
    [Test]
    public void EachProxyGetsTheCredentialsOfItsOwnUrl()
    {
        var proxy = JobProxy.Create("http://alice:p1@proxy-a.example:3128", "http://bob:p2@proxy-b.example:3129", null)!;

        proxy.GetProxy(new Uri("http://site.example/")).Should().Be(new Uri("http://proxy-a.example:3128/"));
        proxy.GetProxy(new Uri("https://site.example/")).Should().Be(new Uri("http://proxy-b.example:3129/"));
        proxy.Credentials!.GetCredential(new Uri("http://proxy-a.example:3128/"), "Basic")!.UserName.Should().Be("alice");
        proxy.Credentials!.GetCredential(new Uri("http://proxy-b.example:3129/"), "Basic")!.Password.Should().Be("p2");
        proxy.Credentials!.GetCredential(new Uri("http://elsewhere.example:3128/"), "Basic").Should().BeNull();
    }

    [TestCase("socks5://127.0.0.1:1080")]
    [TestCase("proxy.example:3128")]
    public void SocksAndSchemeLessProxiesAreAccepted(string setting)
    {
        var expected = new Uri(setting.Contains("://", StringComparison.Ordinal) ? setting : "http://" + setting);

        var proxy = JobProxy.Create(setting, null, null)!.GetProxy(new Uri("http://site.example/"));

        proxy.Should().NotBeNull();
        (proxy!.Scheme, proxy.Host, proxy.Port).Should().Be((expected.Scheme, expected.Host, expected.Port));
    }

    [TestCase("example.com", "http://www.example.com/", true)]
    [TestCase(".example.com", "http://example.com/", true)]
    [TestCase("example.com", "http://notexample.com/", false)]
    [TestCase("*", "http://anything.example/", true)]
    public void NoProxyListsHostsAndTheirSubdomains(string noProxy, string url, bool bypassed)
    {
        var proxy = JobProxy.Create("http://proxy.example:3128", null, noProxy)!;

        proxy.IsBypassed(new Uri(url)).Should().Be(bypassed);
    }
}
