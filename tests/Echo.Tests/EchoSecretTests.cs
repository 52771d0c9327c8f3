using Cortex.Responders;
using System.Text;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Workers.Responders.Echo.Tests;

/// <summary>No form of a configured secret reaches what Cortex stores, in an error or in a report, run as Cortex runs Echo.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class EchoSecretTests
{
    private const string Command = "Echo/Echo";
    private static string root = string.Empty;

    [OneTimeSetUp]
    public async Task PublishEcho() => root = await PublishedResponders.PublishAsync("Echo");

    public static IEnumerable<TestCaseData> Leaks()
    {
        yield return Leak("a message that quotes the value upper-cased", "Zebra-Secret-42", c => { c["api_key"] = "Zebra-Secret-42"; c["service"] = "ZEBRA-SECRET-42"; });
        yield return Leak("a message that quotes the value lower-cased", "Zebra-Secret-42", c => { c["api_key"] = "Zebra-Secret-42"; c["service"] = "zebra-secret-42"; });
        yield return Leak("the password of a proxy URL whose user name is percent-encoded", "Pr0xy-Passw0rd", c =>
        {
            c["proxy"] = new JObject { ["http"] = "http://svc%3Aacct:Pr0xy-Passw0rd@proxy.example:3128" };
            c["service"] = "nope Pr0xy-Passw0rd";
        });
        yield return Leak("the JSON-escaped form of a non-ASCII secret", "pässwörd-ü1", c => { c["smtp_pwd"] = "pässwörd-ü1"; c["service"] = "p\\u00e4ssw\\u00f6rd-\\u00fc1"; }, "p\\\\u00e4ssw\\\\u00f6rd");
        yield return Leak("a bearer value", "eyJhbGciOi.payload", c => { c["bearer"] = "eyJhbGciOi.payload"; c["service"] = "eyJhbGciOi.payload"; });
        yield return Leak("a JWT", "jwt-value-1234", c => { c["jwt"] = "jwt-value-1234"; c["service"] = "jwt-value-1234"; });
        yield return Leak("a session id", "sess-abcdef", c => { c["session_id"] = "sess-abcdef"; c["service"] = "sess-abcdef"; });
        yield return Leak("a private key", "-----BEGIN PRIVATE KEY-----abc", c => { c["private_pem"] = "-----BEGIN PRIVATE KEY-----abc"; c["service"] = "-----BEGIN PRIVATE KEY-----abc"; });
        yield return Leak("a signing secret", "sig-0123456789", c => { c["signature"] = "sig-0123456789"; c["service"] = "sig-0123456789"; });
        yield return Leak("a passphrase", "correct horse", c => { c["passphrase"] = "correct horse"; c["service"] = "correct horse"; });

        static TestCaseData Leak(string name, string secret, Action<JObject> edit, string? alsoAbsent = null) =>
            new TestCaseData(secret, edit, alsoAbsent).SetName($"NoFormOfTheSecretReachesTheErrorOutput({name})");
    }

    [TestCaseSource(nameof(Leaks))]
    public async Task NoFormOfTheSecretReachesTheErrorOutput(string secret, Action<JObject> edit, string? alsoAbsent)
    {
        using var job = CortexJob.FromFixture("thehive-case.json", input => edit((JObject)input["config"]!));

        var run = await job.RunAsync(root, Command);

        run.Success.Should().BeFalse(run.ToString());
        var text = Encoding.UTF8.GetString(run.OutputBytes);
        text.Should().NotContainEquivalentOf(secret);
        run.StandardError.Should().NotContainEquivalentOf(secret);
        if (alsoAbsent is not null)
        {
            text.Should().NotContainEquivalentOf(alsoAbsent);
        }

        run.ErrorMessage.Should().Contain("REMOVED");
    }

    [Test]
    public async Task ASecretUsedAsAKeyOrAValueOfTheDataIsRemovedFromTheReport()
    {
        using var job = CortexJob.FromFixture("thehive-case.json", input =>
        {
            input["config"]!["service"] = "echo";
            input["config"]!["api_key"] = "Kangaroo-77";
            input["data"]!["Kangaroo-77"] = "a key";
            input["data"]!["copied"] = "value: KANGAROO-77";
        });

        var run = await job.RunAsync(root, Command);

        run.Success.Should().BeTrue(run.ToString());
        Encoding.UTF8.GetString(run.OutputBytes).Should().NotContainEquivalentOf("Kangaroo-77");
        ((string?)run.Output!["full"]!["REMOVED"]).Should().Be("a key");
        ((string?)run.Output!["full"]!["copied"]).Should().Be("value: REMOVED");
    }

    [Test]
    public async Task ASecretUsedAsAKeyIsRemovedFromTheInputOfAnErrorOutput()
    {
        using var job = CortexJob.FromFixture("thehive-case.json", input =>
        {
            input["config"]!["service"] = "nope";
            input["config"]!["api_key"] = "Kangaroo-77";
            input["data"]!["Kangaroo-77"] = "a key";
        });

        var run = await job.RunAsync(root, Command);

        run.Success.Should().BeFalse();
        Encoding.UTF8.GetString(run.OutputBytes).Should().NotContainEquivalentOf("Kangaroo-77");
        ((string?)run.Output!["input"]!["data"]!["REMOVED"]).Should().Be("a key");
    }

    [Test]
    public async Task NamesThatOnlyLookSecretKeepTheirValues()
    {
        using var job = CortexJob.FromFixture("thehive-case.json", input =>
        {
            var config = (JObject)input["config"]!;
            config["service"] = "nope";
            config["author"] = "Jane Analyst";
            config["authority"] = "Corp Root CA";
            config["session_timeout"] = 3600;
            config["key_size"] = 2048;
        });

        var run = await job.RunAsync(root, Command);

        var config = run.Output!["input"]!["config"]!;
        ((string?)config["author"]).Should().Be("Jane Analyst");
        ((string?)config["authority"]).Should().Be("Corp Root CA");
        ((int)config["session_timeout"]!).Should().Be(3600);
        ((int)config["key_size"]!).Should().Be(2048);
    }
}
