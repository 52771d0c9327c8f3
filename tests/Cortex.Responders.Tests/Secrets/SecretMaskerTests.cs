using Cortex.Responders.Secrets;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Tests.Secrets;

[TestFixture]
public sealed class SecretMaskerTests
{
    private static readonly string[] Phrases = ["key", "password", "secret", "token", "pwd", "pass", "credential", "auth", "cookie"];

    [Test]
    public void MaskingWorksOnACopyAndLeavesTheInputTheAuthorReads()
    {
        var input = JObject.Parse("""{"config": {"password": "p4ssw0rd!", "proxy": {"http": "http://u:pw12@proxy:3128"}}}""");
        var before = input.ToString();

        var masked = SecretMasker.MaskInput(input, Phrases, new HashSet<string>());

        input.ToString().Should().Be(before);
        ((string?)masked["config"]!["password"]).Should().Be("REMOVED");
    }

    [Test]
    public void NestedKeysArraysAndWholeSecretObjectsAreMasked()
    {
        var input = JObject.Parse("""
            {"config": {"servers": [{"name": "a", "api_token": "t0k3n-a"}],
                        "credentials": {"user": "bob", "pwd": "x"},
                        "Session_Cookie": "c00kie", "smtp_port": 25, "password_empty": null}}
            """);
        var secrets = new HashSet<string>();

        var config = SecretMasker.MaskInput(input, Phrases, secrets)["config"]!;

        ((string?)config["servers"]![0]!["api_token"]).Should().Be("REMOVED");
        ((string?)config["servers"]![0]!["name"]).Should().Be("a");
        ((string?)config["credentials"]).Should().Be("REMOVED");
        ((string?)config["Session_Cookie"]).Should().Be("REMOVED");
        ((int)config["smtp_port"]!).Should().Be(25);
        ((string?)config["password_empty"]).Should().Be("REMOVED", "cortexutils replaces the value whatever it is");
        secrets.Should().Contain(["t0k3n-a", "bob", "x", "c00kie"]);
    }

    [TestCase("http://alice:s3cret@proxy.example:3128", "http://REMOVED@proxy.example:3128")]
    [TestCase("https://token@api.example/v1", "https://REMOVED@api.example/v1")]
    [TestCase("socks5://u:p%40ss@10.0.0.1:1080", "socks5://REMOVED@10.0.0.1:1080")]
    [TestCase("http://proxy.example:3128", "http://proxy.example:3128")]
    [TestCase("mailto:someone@example.com", "mailto:someone@example.com")]
    public void CredentialsInUrlsAreMaskedWhateverTheKey(string url, string expected)
    {
        var input = new JObject { ["config"] = new JObject { ["proxy_https"] = url, ["list"] = new JArray(url) } };
        var secrets = new HashSet<string>();

        var config = SecretMasker.MaskInput(input, Phrases, secrets)["config"]!;

        ((string?)config["proxy_https"]).Should().Be(expected);
        ((string?)config["list"]![0]).Should().Be(expected);
    }

    [Test]
    public void SecretValuesAreScrubbedFromTheMessageAndElsewhereInTheInput()
    {
        var input = JObject.Parse("""
            {"data": {"description": "the key is hunter2hunter2"},
             "config": {"api_key": "hunter2hunter2", "url": "https://api.example/?k=hunter2hunter2", "proxy": {"http": "http://u:pr0xy@p:1"}}}
            """);
        var secrets = new HashSet<string>();

        var masked = SecretMasker.MaskInput(input, Phrases, secrets);
        var message = SecretMasker.Scrub("401 from https://api.example/?k=hunter2hunter2 via http://u:pr0xy@p:1", secrets);

        masked.ToString().Should().NotContain("hunter2hunter2").And.NotContain("pr0xy");
        message.Should().Be("401 from https://api.example/?k=REMOVED via http://REMOVED@p:1");
    }

    [Test]
    public void ShortSecretsAreMaskedInPlaceButNotScrubbedFromWords()
    {
        var input = JObject.Parse("""{"config": {"pwd": "a", "service": "a service"}}""");
        var secrets = new HashSet<string>();

        var masked = SecretMasker.MaskInput(input, Phrases, secrets);

        ((string?)masked["config"]!["pwd"]).Should().Be("REMOVED");
        ((string?)masked["config"]!["service"]).Should().Be("a service");
        SecretMasker.Scrub("a message", secrets).Should().Be("a message");
    }

    [Test]
    public async Task AuthorCanReplaceThePhrasesButUrlCredentialsStayMasked()
    {
        var result = await Probe.RunAsync(JObject.Parse("""
            {"probe": "error", "message": "failed", "secret_phrases": ["license"],
             "license_id": "LIC-1234", "password": "visible-by-choice", "url": "https://u:pw99@h.example"}
            """));

        var config = result.ErrorInput!["config"]!;
        ((string?)config["license_id"]).Should().Be("REMOVED");
        ((string?)config["password"]).Should().Be("visible-by-choice");
        ((string?)config["url"]).Should().Be("https://REMOVED@h.example");
    }
}
