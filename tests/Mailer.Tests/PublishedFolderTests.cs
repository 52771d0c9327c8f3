using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Mailer.Tests;

/// <summary>What `dotnet publish responders` leaves for Cortex, and that the flavors are drop-in replacements.</summary>
[TestFixture]
public sealed class PublishedFolderTests
{
    private static string root = string.Empty;

    [OneTimeSetUp]
    public async Task Publish() => root = await PublishedResponders.PublishAsync("Mailer");

    [TestCase("Mailer", new[] { "Mailer.json", "Mailer_Notification.json" })]
    [TestCase("PhishFeedback", new[] { "PhishFeedback.json" })]
    [TestCase("Echo", new[] { "DevTools_Echo.json", "Test.json" })]
    public void EachResponderFolderHoldsItsExecutableAndFlavorsOnly(string name, string[] flavors)
    {
        var folder = Path.Combine(root, name);
        Directory.GetFiles(folder).Select(Path.GetFileName).Should().BeEquivalentTo([name, .. flavors]);
        File.GetUnixFileMode(Path.Combine(folder, name)).Should().HaveFlag(UnixFileMode.UserExecute).And.HaveFlag(UnixFileMode.OtherExecute);
        foreach (var flavor in flavors)
        {
            var definition = JObject.Parse(File.ReadAllText(Path.Combine(folder, flavor)));
            ((string?)definition["command"]).Should().Be($"{name}/{name}");
        }
    }

    [Test]
    public void MailerFlavorKeepsThePythonMailersNameAndConfiguration()
    {
        var mailer = Flavor("Mailer", "Mailer.json");
        ((string?)mailer["name"]).Should().Be("Mailer");
        ((string?)mailer["version"]).Should().Be("1.0", "the worker id Mailer_1_0 must stay the same");
        ((string?)mailer["baseConfig"]).Should().Be("Mailer");
        mailer["dataTypeList"]!.Values<string>().Should().Equal("thehive:case", "thehive:alert", "thehive:case_task");
        var items = mailer["configurationItems"]!.Children<JObject>().ToDictionary(i => (string)i["name"]!);

        // Cortex-Analyzers responders/Mailer/Mailer.json: names, types, multi, required, defaults.
        Item(items["from"], "string", required: true, null);
        Item(items["smtp_host"], "string", required: true, "localhost");
        Item(items["smtp_port"], "number", required: true, 25);
        Item(items["smtp_user"], "string", required: false, "user");
        Item(items["smtp_pwd"], "string", required: false, "pwd");
        Item(items["smtp_security"], "string", required: false, "auto");
        Item(items["smtp_timeout"], "number", required: false, 30);
    }

    [Test]
    public void NotificationFlavorSharesTheMailersSmtpItemsWithoutConflict()
    {
        var mailer = Flavor("Mailer", "Mailer.json")["configurationItems"]!.Children<JObject>().ToDictionary(i => (string)i["name"]!);
        var notification = Flavor("Mailer", "Mailer_Notification.json");
        ((string?)notification["baseConfig"]).Should().Be("Mailer");
        ((string?)notification["config"]!["service"]).Should().Be("notification");
        foreach (var item in notification["configurationItems"]!.Children<JObject>())
        {
            if (mailer.TryGetValue((string)item["name"]!, out var same))
            {
                JToken.DeepEquals(item, same).Should().BeTrue($"{item["name"]} is shared through baseConfig Mailer");
            }
        }

        var to = notification["configurationItems"]!.Children<JObject>().Single(i => (string?)i["name"] == "to");
        Item(to, "string", required: false, new JArray());
        ((bool)to["multi"]!).Should().BeTrue();
        ((string?)Flavor("Mailer", "Mailer_Notification.json")["configurationItems"]!.Single(i => (string?)i["name"] == "body_template")!["defaultValue"])
            .Should().Be(MailerResponder.DefaultBodyTemplate);
    }

    [Test]
    public void PhishFeedbackFlavorKeepsTheBlogsNameAndDefaultsMatchTheCode()
    {
        var flavor = Flavor("PhishFeedback", "PhishFeedback.json");
        ((string?)flavor["name"]).Should().Be("Phish_Feedback");
        flavor["dataTypeList"]!.Values<string>().Should().Equal("thehive:case");
        var items = flavor["configurationItems"]!.Children<JObject>().ToDictionary(i => (string)i["name"]!);
        ((string?)items["body_phishing"]["defaultValue"]).Should().Be(PhishFeedback.PhishFeedbackResponder.DefaultPhishingBody);
        ((string?)items["body_legit"]["defaultValue"]).Should().Be(PhishFeedback.PhishFeedbackResponder.DefaultLegitBody);
        ((string?)items["body_spam"]["defaultValue"]).Should().Be(PhishFeedback.PhishFeedbackResponder.DefaultSpamBody);
        ((string?)items["subject"]["defaultValue"]).Should().Be(PhishFeedback.PhishFeedbackResponder.DefaultSubject);
        ((string?)items["awareness_url"]["defaultValue"]).Should().Be(PhishFeedback.PhishFeedbackResponder.DefaultAwarenessUrl);
    }

    private static JObject Flavor(string name, string file) => JObject.Parse(File.ReadAllText(Path.Combine(root, name, file)));

    private static void Item(JObject item, string type, bool required, object? defaultValue)
    {
        ((string?)item["type"]).Should().Be(type, $"{item["name"]}");
        ((bool?)item["required"] ?? false).Should().Be(required, $"{item["name"]}");
        ((bool?)item["multi"] ?? false).Should().Be(defaultValue is JArray, $"{item["name"]}");
        if (defaultValue is null)
        {
            item["defaultValue"].Should().BeNull($"{item["name"]}");
        }
        else
        {
            JToken.DeepEquals(item["defaultValue"], JToken.FromObject(defaultValue)).Should().BeTrue($"{item["name"]} default");
        }
    }
}
