using Cortex.Responders;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Workers.Responders.PhishFeedback.Tests;

/// <summary>What `dotnet publish responders` leaves for Cortex in PhishFeedback/, and that its flavor keeps the blog's name.</summary>
[TestFixture]
public sealed class PublishedFolderTests
{
    private static string root = string.Empty;

    [OneTimeSetUp]
    public async Task Publish() => root = await PublishedResponders.PublishAsync("PhishFeedback");

    [Test]
    public void PhishFeedbackFolderHoldsItsExecutableAndFlavorsOnly() =>
        PublishedFolder.ShouldHoldTheExecutableAndFlavorsOnly(root, "PhishFeedback", "PhishFeedback.json");

    [Test]
    public void PhishFeedbackFlavorKeepsTheBlogsNameAndDefaultsMatchTheCode()
    {
        var flavor = Flavor("PhishFeedback", "PhishFeedback.json");
        ((string?)flavor["name"]).Should().Be("Phish_Feedback");
        flavor["dataTypeList"]!.Values<string>().Should().Equal("thehive:case");
        var items = flavor["configurationItems"]!.Children<JObject>().ToDictionary(i => (string)i["name"]!);
        ((string?)items["body_phishing"]["defaultValue"]).Should().Be(PhishFeedbackResponder.DefaultPhishingBody);
        ((string?)items["body_legit"]["defaultValue"]).Should().Be(PhishFeedbackResponder.DefaultLegitBody);
        ((string?)items["body_spam"]["defaultValue"]).Should().Be(PhishFeedbackResponder.DefaultSpamBody);
        ((string?)items["subject"]["defaultValue"]).Should().Be(PhishFeedbackResponder.DefaultSubject);
        ((string?)items["awareness_url"]["defaultValue"]).Should().Be(PhishFeedbackResponder.DefaultAwarenessUrl);
    }

    private static JObject Flavor(string name, string file) => PublishedFolder.Flavor(root, name, file);
}
