using Cortex.Responders;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Workers.Responders.Mailer.Tests;

/// <summary>The Mailer_Notification flavor: any TheHive object, a fixed recipient list, subject and body templates.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class NotificationTests
{
    private const string Command = "Mailer/Mailer";

    [Test]
    public async Task ObservableAsksTheMailAdminsToBlockTheSender()
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, "thehive-case-artifact.json", input =>
        {
            var config = Notification(input, server.Port);
            config["subject_template"] = "Please block {{ data }} on the mail servers";
            config["body_template"] = "Sender {{ data }} ({{ message }}) of case #{{ this[\"case\"].caseId }}: {{ tags | array.join \", \" }}.\nTLP {{ job.tlp }}";
        });

        run.ShouldSucceed();
        var delivery = await server.NextAsync();
        delivery.RecipientsTo.Should().Equal("mailadmins@corp.example");
        var message = MailJob.Parse(delivery);
        message.Subject.Should().Be("Please block noreplies@tele.example on the mail servers");
        message.TextBody!.ReplaceLineEndings("\n").TrimEnd().Should().Be("Sender noreplies@tele.example (sender of the reported message) of case #157: suspicious_mail:src_addr.\nTLP 2");
        run.Operations().ShouldBeJson("""[{"type":"AddTagToArtifact","tag":"mail sent"}]""");
    }

    [TestCase("thehive-case.json", "[TheHive] Case #157: Phishing report from user", "AddTagToCase")]
    [TestCase("thehive-alert.json", "[TheHive] Alert: Invoice No. #131315", "AddTagToAlert")]
    [TestCase("thehive-case-artifact.json", "[TheHive] Observable mail: noreplies@tele.example (case #157)", "AddTagToArtifact")]
    [TestCase("thehive-case-task.json", "[TheHive] Task: [Communication] Reply and acknowledge the user (case #157)", "AddTagToCase")]
    [TestCase("thehive-case-task-log.json", "[TheHive] Log of task: [Containment] Block e-mail addresses (case #157)", "AddTagToCase")]
    public async Task DefaultTemplatesWorkForEveryDataType(string fixture, string subject, string operation)
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, fixture, input => Notification(input, server.Port));

        run.ShouldSucceed();
        var message = MailJob.Parse(await server.NextAsync());
        message.Subject.Should().Be(subject);
        message.TextBody.Should().Contain(subject["[TheHive] ".Length..]).And.Contain("analyst@soc.example (soc)");
        run.Operations().Select(o => (string?)o["type"]).Should().Equal(operation);
    }

    [Test]
    public async Task MultiValuedToSendsToEveryone()
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input =>
            Notification(input, server.Port)["to"] = new JArray("mailadmins@corp.example", "ops@corp.example", " cert@corp.example ", ""));

        run.ShouldSucceed();
        (await server.NextAsync()).RecipientsTo.Should().BeEquivalentTo("mailadmins@corp.example", "ops@corp.example", "cert@corp.example");
    }

    [Test]
    public async Task NonAsciiTemplateAndDataArriveIntact()
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input =>
        {
            var config = Notification(input, server.Port);
            config["subject_template"] = "Dossier n°{{ caseId }} : {{ title }}";
            config["body_template"] = "Équipe SOC — {{ title }}";
            input["data"]!["title"] = "Hameçonnage – 請求書 🎣";
        });

        run.ShouldSucceed();
        var message = MailJob.Parse(await server.NextAsync());
        message.Subject.Should().Be("Dossier n°157 : Hameçonnage – 請求書 🎣");
        message.TextBody!.Trim().Should().Be("Équipe SOC — Hameçonnage – 請求書 🎣");
    }

    [Test]
    public async Task LineBreakInTheDataCannotAddHeadersThroughTheSubjectTemplate()
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, "thehive-case-artifact.json", input =>
        {
            Notification(input, server.Port)["subject_template"] = "Block {{ data }}";
            input["data"]!["data"] = "evil@x.example\r\nBcc: victim@corp.example";
        });

        run.ShouldSucceed();
        var delivery = await server.NextAsync();
        delivery.RecipientsTo.Should().Equal("mailadmins@corp.example");
        MailJob.HeaderNames(delivery).Should().NotContain("Bcc");
    }

    [TestCase("subject_template", "Block {{ sender }}", "subject_template cannot be rendered at line 1, column 10")]
    [TestCase("body_template", "Case {{ customFields.missing.string }}", "body_template cannot be rendered")]
    [TestCase("body_template", "Case {{ title ) }}", "body_template does not parse at line 1")]
    public async Task TemplateErrorsSayWhichItemAndWhere(string item, string template, string message)
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input => Notification(input, server.Port)[item] = template);

        run.ShouldFail(message);
        await server.ShouldReceiveNothingAsync();
    }

    [Test]
    public async Task RunawayTemplateIsStopped()
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input =>
            Notification(input, server.Port)["body_template"] = "{{ func f(n); if n > 0; f(n - 1); f(n - 1); end; end; f 40 }}");

        run.ShouldFail("body_template did not finish rendering within 10 s");
        await server.ShouldReceiveNothingAsync();
    }

    [TestCase(null)]
    [TestCase("[]")]
    [TestCase("[\"\"]")]
    public async Task NoRecipientIsAnError(string? to)
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input =>
        {
            var config = Notification(input, server.Port);
            config["to"] = to is null ? JValue.CreateNull() : JToken.Parse(to);
        });

        run.ShouldFail("config.to is empty");
    }

    [Test]
    public async Task LineBreakInToIsAnError()
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input =>
            Notification(input, server.Port)["to"] = new JArray("ops@corp.example\nBcc: x@evil.example"));

        run.ShouldFail("holds a line break");
        await server.ShouldReceiveNothingAsync();
    }

    [Test]
    public async Task UnknownServiceIsAnError()
    {
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input => input["config"]!["service"] = "sms");

        run.ShouldFail("config.service must be \"mailer\"");
    }

    private static JObject Notification(JObject input, int port)
    {
        var config = MailJob.Smtp(input, port);
        config["service"] = "notification";
        config["from"] = "soc@corp.example";
        config["to"] ??= "mailadmins@corp.example";
        return config;
    }
}
