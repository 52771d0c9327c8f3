using Cortex.Responders.Secrets;
using FluentAssertions;
using Microsoft.Extensions.Logging;
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
    [TestCase("http://bob:p@ssw0rd@proxy.example:3128", "http://REMOVED@proxy.example:3128")]
    [TestCase("http://bob:Hu/nter2@proxy:3128", "http://REMOVED@proxy:3128")]
    [TestCase("see https://mail.example/search?from=bob@x.example", "see https://mail.example/search?from=bob@x.example")]
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
        var result = await TestJob.RunAsync<ErrorResponder>(JObject.Parse("""
            {"message": "failed", "secret_phrases": ["license"],
             "license_id": "LIC-1234", "password": "visible-by-choice", "url": "https://u:pw99@h.example"}
            """));

        var config = result.ErrorInput!["config"]!;
        ((string?)config["license_id"]).Should().Be("REMOVED");
        ((string?)config["password"]).Should().Be("visible-by-choice");
        ((string?)config["url"]).Should().Be("https://REMOVED@h.example");
    }

    [Test]
    public void NumericSecretsAreCollectedForScrubbing()
    {
        var input = JObject.Parse("""{"config": {"pin_password": 83749211}}""");
        var secrets = new HashSet<string>();

        SecretMasker.MaskInput(input, Phrases, secrets);

        SecretMasker.Scrub("login with pin 83749211 refused", secrets).Should().Be("login with pin REMOVED refused");
    }

    [TestCase("aB3+/x9=Qz7kLm", TestName = "EncodedFormsOfASecretAreScrubbed(URL-escaped)")]
    [TestCase("p\"w\\d-Tr0ub4dor", TestName = "EncodedFormsOfASecretAreScrubbed(JSON-escaped)")]
    [TestCase("line one\nline two", TestName = "EncodedFormsOfASecretAreScrubbed(on one line)")]
    public void EncodedFormsOfASecretAreScrubbed(string secret)
    {
        var input = new JObject { ["config"] = new JObject { ["api_secret"] = secret } };
        var secrets = new HashSet<string>();
        SecretMasker.MaskInput(input, Phrases, secrets);

        var message = $"raw {secret} url {Uri.EscapeDataString(secret)} json {Newtonsoft.Json.JsonConvert.ToString(secret)} line {secret.Replace('\n', ' ')}";

        SecretMasker.Scrub(message, secrets).Should().Be("raw REMOVED url REMOVED json \"REMOVED\" line REMOVED");
    }

    [Test]
    public void BasicAuthorizationOfUrlCredentialsIsScrubbed()
    {
        var input = new JObject { ["config"] = new JObject { ["proxy"] = new JObject { ["http"] = "http://bob:s3cr3t!@proxy:3128" } } };
        var secrets = new HashSet<string>();
        SecretMasker.MaskInput(input, Phrases, secrets);

        SecretMasker.Scrub("Proxy-Authorization: Basic Ym9iOnMzY3IzdCE=", secrets).Should().Be("Proxy-Authorization: Basic REMOVED");
    }

    [Test]
    public async Task MultiLineSecretQuotedInAMessageIsScrubbedBeforeTheMessageIsMadeOneLine()
    {
        const string key = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----";
        var result = await TestJob.RunAsync<ErrorResponder>(new JObject { ["private_key"] = key, ["message"] = $"cannot load key {key}" });

        result.ErrorMessage.Should().Be("cannot load key REMOVED");
    }

    [Test]
    public async Task SecretPhrasesThatEndTheJobThemselvesStillLeaveOneOutput()
    {
        // The override reads config.secret_phrases with GetParam, whose error needs the phrases again.
        var result = await TestJob.RunAsync<ErrorResponder>(new JObject { ["message"] = "never reached", ["secret_phrases"] = "license" });

        // The key itself contains "secret", so its value is masked in the message as well.
        result.ErrorMessage.Should().Be("config.secret_phrases must be an array of strings, but it is the string \"REMOVED\"");
        result.ExitCode.Should().Be(1);
    }

    [Test]
    public async Task SecretPhrasesThatFailFallBackToTheDefaults()
    {
        var result = await TestJob.RunAsync<ErrorResponder>(new JObject { ["message"] = "failed", ["null_phrases"] = true, ["password"] = "hunter22" });

        result.ErrorMessage.Should().Be("failed");
        ((string?)result.ErrorInput!["config"]!["password"]).Should().Be("REMOVED");
        result.Log.Should().Contain("warning: SecretPhrases failed, the default phrases are used: ArgumentNullException");
    }

    [Test]
    public async Task LogLinesAreScrubbedOfTheJobsSecrets()
    {
        var result = await TestJob.RunAsync<KeyLoggingResponder>(new JObject { ["api_key"] = "9f86d081884c7d659a2feaa0c55ad015" });

        result.Log.Should().Contain("warning: calling the API with key REMOVED").And.NotContain("9f86d081884c7d659a2feaa0c55ad015");
    }

    [TestCase("basic_auth", true)]
    [TestCase("auth_header", true)]
    [TestCase("Authorization", true)]
    [TestCase("author", false)]
    [TestCase("certificate_authority", false)]
    [TestCase("smtp_host", false)]
    public void AuthInAKeyIsSecretButAnAuthorIsNot(string key, bool masked)
    {
        var input = new JObject { ["config"] = new JObject { [key] = "Hunter2Hunter2" } };

        var config = SecretMasker.MaskInput(input, Phrases, new HashSet<string>())["config"]!;

        ((string?)config[key]).Should().Be(masked ? "REMOVED" : "Hunter2Hunter2");
    }

    [Test]
    public void UserAndPasswordSideBySideAreScrubbedAsBasicAuthorization()
    {
        var input = JObject.Parse("""{"config": {"smtp_user": "bob", "smtp_password": "Hunter2Hunter2"}}""");
        var secrets = new HashSet<string>();
        SecretMasker.MaskInput(input, Phrases, secrets);

        SecretMasker.Scrub("Authorization: Basic Ym9iOkh1bnRlcjJIdW50ZXIy", secrets).Should().Be("Authorization: Basic REMOVED");
    }

    [Test]
    public async Task PhrasesThatLogAreUsedForTheMessageToo()
    {
        var result = await TestJob.RunAsync<ThrowingResponder>(new JObject
        {
            ["message"] = "login refused for Hunter2Hunter2", ["vaultid"] = "Hunter2Hunter2",
            ["secret_phrases"] = new JArray("vaultid"), ["phrases_log"] = true,
        });

        result.ErrorMessage.Should().Be("InvalidOperationException: login refused for REMOVED second line");
    }

    [Test]
    public async Task PhrasesThatLogCannotDeadlockAStop()
    {
        var result = await TestJob.RunAsync<SleepingResponder>(
            new JObject { ["phrases_log"] = true }, new() { Timeout = TimeSpan.FromMilliseconds(100) });

        result.ErrorMessage.Should().Be("cancelled: the job reached its timeout");
    }

    /// <summary>
    /// Secret phrases as an author may override them: config.secret_phrases when given (read with GetParam, so it
    /// can end the job itself), null with config.null_phrases, logging while resolving with config.phrases_log.
    /// </summary>
    private abstract class PhrasesFromConfigResponder : Responder
    {
        protected override IEnumerable<string> SecretPhrases
        {
            get
            {
                if (GetParam("config.phrases_log", false))
                {
                    Logger.LogInformation("resolving the secret phrases");
                }

                return GetParam("config.null_phrases", false) ? null! : GetParam<string[]>("config.secret_phrases") ?? base.SecretPhrases;
            }
        }
    }

    private sealed class ErrorResponder : PhrasesFromConfigResponder
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Error(GetParam<string>("config.message")!);
            return Task.CompletedTask;
        }
    }

    private sealed class ThrowingResponder : PhrasesFromConfigResponder
    {
        protected override Task RunAsync(CancellationToken cancellationToken) =>
            throw new InvalidOperationException(GetParam<string>("config.message") + "\nsecond line");
    }

    private sealed class KeyLoggingResponder : PhrasesFromConfigResponder
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Logger.LogWarning("calling the API with key {Key}", GetParam<string>("config.api_key"));
            Report(new JObject { ["logged"] = true });
            return Task.CompletedTask;
        }
    }

    private sealed class SleepingResponder : PhrasesFromConfigResponder
    {
        protected override Task RunAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
