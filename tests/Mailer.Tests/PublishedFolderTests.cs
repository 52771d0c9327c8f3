using Cortex.Responders;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Workers.Responders.Mailer.Tests;

/// <summary>What `dotnet publish responders` leaves for Cortex in Mailer/, and that its flavors are drop-in replacements for the Python Mailer.</summary>
[TestFixture]
public sealed class PublishedFolderTests
{
    private static string root = string.Empty;

    [OneTimeSetUp]
    public async Task Publish() => root = await PublishedResponders.PublishAsync("Mailer");

    [Test]
    public void MailerFolderHoldsItsExecutableAndFlavorsOnly() =>
        PublishedFolder.ShouldHoldTheExecutableAndFlavorsOnly(root, "Mailer", "Mailer.json", "Mailer_Notification.json");

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

    private static JObject Flavor(string name, string file) => PublishedFolder.Flavor(root, name, file);

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
