using FluentAssertions;
using Microsoft.Extensions.Configuration;
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
        var result = await TestJob.RunAsync<BindingResponder>(JObject.Parse("""
            {"smtp_host": "mail.example", "smtp_port": 465, "smtp_user": null, "enabled": true,
             "to": ["a@x.example", "b@x.example"], "unrelated": {"deep": 1}}
            """));

        result.Success.Should().BeTrue(result.OutputText);
        result.Full!.ToString(Formatting.None).Should().Be(
            """{"smtpHost":"mail.example","smtpPort":465,"smtpUser":null,"enabled":true,"to":["a@x.example","b@x.example"]}""");
    }

    [Test]
    public async Task MissingItemsKeepTheOptionsDefaults()
    {
        var result = await TestJob.RunAsync<BindingResponder>([]);

        result.Full!.ToString(Formatting.None).Should().Be("""{"smtpHost":null,"smtpPort":25,"smtpUser":null,"enabled":false,"to":[]}""");
    }

    [Test]
    public async Task ValueThatCannotBindIsAnErrorNamingTheKey()
    {
        var result = await TestJob.RunAsync<BindingResponder>(JObject.Parse("""{"smtp_port": "twenty-five"}"""));

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().Contain("smtp_port").And.Contain("twenty-five");
    }

    /// <summary>Binds the job's config to <see cref="Options"/> as an author does, and reports what it got.</summary>
    private sealed class BindingResponder : Responder
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            var options = Configuration.Get<Options>() ?? new Options();
            Report(new JObject
            {
                ["smtpHost"] = options.SmtpHost,
                ["smtpPort"] = options.SmtpPort,
                ["smtpUser"] = options.SmtpUser,
                ["enabled"] = options.Enabled,
                ["to"] = new JArray(options.To),
            });
            return Task.CompletedTask;
        }
    }

    /// <summary>An author's options class (internal: the source-generated binder must reach it).</summary>
    internal sealed class Options
    {
        [ConfigurationKeyName("smtp_host")]
        public string? SmtpHost { get; set; }

        [ConfigurationKeyName("smtp_port")]
        public int SmtpPort { get; set; } = 25;

        [ConfigurationKeyName("smtp_user")]
        public string? SmtpUser { get; set; }

        public bool Enabled { get; set; }

        public List<string> To { get; set; } = [];
    }
}
