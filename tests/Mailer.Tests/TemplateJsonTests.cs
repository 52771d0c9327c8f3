using Cortex.Responders;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Workers.Responders.Mailer.Tests;

/// <summary>to_json in a template works in the published (Native AOT) Mailer, where Scriban's reflection-based object.to_json cannot.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class TemplateJsonTests
{
    private const string Command = "Mailer/Mailer";

    [Test]
    public async Task ToJsonWritesAFieldAsJsonInThePublishedResponder()
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input =>
        {
            var config = MailJob.Smtp(input, server.Port);
            config["service"] = "notification";
            config["to"] = new JArray("soc@corp.example");
            config["body_template"] = "fields: {{ customFields | to_json }}; tags: {{ tags | to_json }}; none: {{ summary | to_json }}";
        });

        run.ShouldSucceed();
        var body = MailJob.Parse(await server.NextAsync()).TextBody!.Trim();
        body.Should().Be("""fields: {"phishFeedback":{"order":0,"string":"Phishing"}}; tags: ["phishing","mail:reporter@corp.example","user_email:reporter@corp.example"]; none: null""");
    }
}
