using Cortex.Responders;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Workers.Responders.PhishFeedback.Tests;

/// <summary>The published PhishFeedback responder: the verdict picks the message, every missing input is an error.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class PhishFeedbackTests
{
    private const string Command = "PhishFeedback/PhishFeedback";

    [TestCase("Phishing", "confirm it was a phishing attempt")]
    [TestCase("Legit email", "it is a legitimate e-mail")]
    [TestCase("Spam", "it is unwanted advertising (spam)")]
    [TestCase(" Phishing ", "confirm it was a phishing attempt", TestName = "VerdictPicksTheMessage(verdict with spaces around it)")]
    public async Task VerdictPicksTheMessage(string verdict, string phrase)
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input =>
        {
            MailJob.Smtp(input, server.Port);
            input["data"]!["customFields"]!["phishFeedback"]!["string"] = verdict;
        });

        run.ShouldSucceed();
        var delivery = await server.NextAsync();
        delivery.RecipientsTo.Should().Equal("reporter@corp.example");
        var message = MailJob.Parse(delivery);
        message.Subject.Should().Be("Your phishing report: our analysis");
        message.TextBody.Should().Contain(phrase);
        if (verdict.Trim() != "Phishing")
        {
            message.TextBody.Should().Contain("https://campagne.safeonweb.be/en/phishing");
        }

        run.Operations().ShouldBeJson("""[{"type":"AddTagToCase","tag":"mail sent"}]""");
        ((string?)run.Output!["full"]!["verdict"]).Should().Be(verdict.Trim());
    }

    [Test]
    public async Task BodiesAndLinkComeFromTheConfiguration()
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input =>
        {
            var config = MailJob.Smtp(input, server.Port);
            config["subject"] = "Rapport #{{ caseId }} : {{ verdict }}";
            config["body_phishing"] = "Merci ! Voir {{ awareness_url }}";
            config["awareness_url"] = "https://intranet.corp.example/phishing";
        });

        run.ShouldSucceed();
        var message = MailJob.Parse(await server.NextAsync());
        message.Subject.Should().Be("Rapport #157 : Phishing");
        message.TextBody!.Trim().Should().Be("Merci ! Voir https://intranet.corp.example/phishing");
    }

    [Test]
    public async Task TheHive5CustomFieldListIsRead()
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input =>
        {
            MailJob.Smtp(input, server.Port);
            input["data"]!["customFields"] = JArray.Parse("""[{"name":"other","value":"x"},{"name":"phishFeedback","type":"string","value":"Spam"}]""");
        });

        run.ShouldSucceed();
        MailJob.Parse(await server.NextAsync()).TextBody.Should().Contain("spam");
    }

    [TestCase("title", "Suspicious invoice", "only answers cases whose title contains \"Phishing report\"")]
    [TestCase("tags", "[\"phishing\"]", "add a tag user_email:<address>")]
    [TestCase("tags", "[\"user_email:someone\"]", "is not an e-mail address")]
    [TestCase("tags", "[\"user_email:a@corp.example\\r\\nBcc: b@evil.example\"]", "holds a line break")]
    [TestCase("tags", "[\"user_email:a@corp.example\", \"user_email:b@corp.example\"]", "a phishing report has one reporter")]
    [TestCase("tags", "[\"user_email:a@corp.example, b@corp.example\"]", "must hold one e-mail address")]
    [TestCase("tags", "[\"user_email:a@corp.example b@corp.example\"]", "must hold one e-mail address")]
    [TestCase("customFields", "[{\"name\":\"phishFeedback\",\"value\":\"Spam\"},{\"name\":\"phishFeedback\",\"value\":\"Legit email\"}]", "custom fields named phishFeedback")]
    [TestCase("customFields", "{}", "the case custom field phishFeedback is not set")]
    [TestCase("customFields", "{\"phishFeedback\":{\"order\":0,\"string\":null}}", "the case custom field phishFeedback is not set")]
    [TestCase("customFields", "{\"phishFeedback\":{\"order\":0,\"string\":\"Maybe\"}}", "it must be one of Phishing, Legit email, Spam")]
    public async Task MissingInputIsAnErrorAndNothingIsSent(string field, string value, string message)
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input =>
        {
            MailJob.Smtp(input, server.Port);
            input["data"]![field] = field == "title" ? value : JToken.Parse(value);
        });

        run.ShouldFail(message);
        await server.ShouldReceiveNothingAsync();
    }

    [Test]
    public async Task AlertIsTheWrongDataType()
    {
        var run = await MailJob.RunAsync(Command, "thehive-alert.json", _ => { });

        run.ShouldFail("not thehive:alert");
    }

    [Test]
    public async Task ServerDownIsAnErrorWithoutThePassword()
    {
        using var closed = MailJob.ClosedPort(out var port);
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input =>
        {
            var config = MailJob.Smtp(input, port);
            config["smtp_user"] = "cortex";
            config["smtp_pwd"] = "Phish-Pa55";
        });

        run.ShouldFail("connection refused", "Phish-Pa55");
    }
}
