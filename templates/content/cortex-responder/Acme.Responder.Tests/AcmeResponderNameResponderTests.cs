using Cortex.Responders.Testing;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Acme.Responder.Tests;

/// <summary>The responder run in-process on a sample job, as Cortex would run it.</summary>
public sealed class AcmeResponderNameResponderTests
{
    private static string Job(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "jobs", name);

    [Test]
    public async Task ReportsAndTagsTheCase()
    {
        var result = await ResponderRunner.RunFileAsync<AcmeResponderNameResponder>(Job("case.json"));

        result.Success.Should().BeTrue(result.ErrorMessage);
        ((string?)result.Full!["message"]).Should().Be("responded to Phishing report from user");
        // JSON compared as JSON (FluentAssertions' BeEquivalentTo would pass on any values under the same keys).
        JToken.DeepEquals(new JArray(result.Operations), JArray.Parse("""[{"type":"AddTagToCase","tag":"responded"}]""")).Should().BeTrue(result.OutputText);
    }

    [Test]
    public async Task TagsAnAlertAsAnAlert()
    {
        var input = JObject.Parse(await File.ReadAllTextAsync(Job("case.json")));
        input["dataType"] = "thehive:alert";

        var result = await ResponderRunner.RunAsync<AcmeResponderNameResponder>(input);

        result.Operations.Should().ContainSingle().Which["type"]!.ToString().Should().Be("AddTagToAlert");
    }

    [Test]
    public async Task TlpAboveTheMaximumIsRefused()
    {
        var input = JObject.Parse(await File.ReadAllTextAsync(Job("case.json")));
        input["tlp"] = 3;

        var result = await ResponderRunner.RunAsync<AcmeResponderNameResponder>(input);

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().Be("TLP is higher than allowed.");
    }
//#if (withConfig)

    [Test]
    public async Task MissingApiUrlSaysWhatToFixAndHidesTheKey()
    {
        var input = JObject.Parse(await File.ReadAllTextAsync(Job("case.json")));
        ((JObject)input["config"]!).Remove("api_url");

        var result = await ResponderRunner.RunAsync<AcmeResponderNameResponder>(input);

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().StartWith("api_url is missing");
        result.OutputText.Should().NotContain("sample-key");
    }
//#endif
}
