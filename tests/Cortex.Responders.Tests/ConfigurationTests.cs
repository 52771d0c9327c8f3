using FluentAssertions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Tests;

/// <summary>The job's config section binds to an author's options class.</summary>
[TestFixture]
public sealed class ConfigurationTests
{
    [Test]
    public async Task ConfigBindsToOptionsWithSnakeCaseNamesArraysAndNulls()
    {
        var result = await Probe.RunAsync(JObject.Parse("""
            {"probe": "bind", "smtp_host": "mail.example", "smtp_port": 465, "smtp_user": null, "enabled": true,
             "to": ["a@x.example", "b@x.example"], "unrelated": {"deep": 1}}
            """));

        result.Success.Should().BeTrue(result.OutputText);
        result.Full!.ToString(Formatting.None).Should().Be(
            """{"smtpHost":"mail.example","smtpPort":465,"smtpUser":null,"enabled":true,"to":["a@x.example","b@x.example"]}""");
    }

    [Test]
    public async Task MissingItemsKeepTheOptionsDefaults()
    {
        var result = await Probe.RunAsync(new JObject { ["probe"] = "bind" });

        result.Full!.ToString(Formatting.None).Should().Be("""{"smtpHost":null,"smtpPort":25,"smtpUser":null,"enabled":false,"to":[]}""");
    }

    [Test]
    public async Task ValueThatCannotBindIsAnErrorNamingTheKey()
    {
        var result = await Probe.RunAsync(JObject.Parse("""{"probe": "bind", "smtp_port": "twenty-five"}"""));

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().Contain("smtp_port").And.Contain("twenty-five");
    }
}
