using Cortex.Responders;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Workers.Responders.Mailer.Tests;

/// <summary>One tag, one line or one entry is one recipient; anything else is an error naming it, and nothing is sent.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class RecipientTests
{
    private const string Command = "Mailer/Mailer";

    [TestCase("mail=a@corp.example,b@corp.example", TestName = "AMailTagHoldingSeveralAddressesIsAnError(comma)")]
    [TestCase("mail=a@corp.example b@corp.example", TestName = "AMailTagHoldingSeveralAddressesIsAnError(space)")]
    [TestCase("mail=a@corp.example;b@corp.example", TestName = "AMailTagHoldingSeveralAddressesIsAnError(semicolon)")]
    [TestCase("mail=Alice <a@corp.example>", TestName = "AMailTagHoldingSeveralAddressesIsAnError(display name)")]
    [TestCase("mail=undisclosed:;", TestName = "AMailTagHoldingSeveralAddressesIsAnError(group)")]
    public async Task AMailTagHoldingSeveralAddressesIsAnError(string tag)
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input =>
        {
            MailJob.Smtp(input, server.Port);
            input["data"]!["tags"] = new JArray("phishing", tag);
        });

        run.ShouldFail($"the tag \"{tag}\" must hold one e-mail address");
        await server.ShouldReceiveNothingAsync();
    }

    [Test]
    public async Task ATaskMailtoLineHoldingSeveralAddressesIsAnError()
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, "thehive-case-task.json", input =>
        {
            MailJob.Smtp(input, server.Port);
            input["data"]!["description"] = "mailto:a@corp.example, b@corp.example\nbody";
        });

        run.ShouldFail("the first line of the task description must hold one e-mail address");
        await server.ShouldReceiveNothingAsync();
    }

    [Test]
    public async Task ANotificationEntryHoldingSeveralAddressesIsAnError()
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input =>
        {
            var config = MailJob.Smtp(input, server.Port);
            config["service"] = "notification";
            config["to"] = new JArray("soc@corp.example", "a@corp.example b@corp.example");
        });

        run.ShouldFail("config.to entry 2 must hold one e-mail address");
        await server.ShouldReceiveNothingAsync();
    }

    [Test]
    public async Task SeveralMailTagsAreSeveralRecipients()
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input =>
        {
            MailJob.Smtp(input, server.Port);
            input["data"]!["tags"] = new JArray("mail=a@corp.example", "mail: b@corp.example ", "mail=A@corp.example");
        });

        run.ShouldSucceed();
        (await server.NextAsync()).RecipientsTo.Should().Equal("a@corp.example", "b@corp.example");
    }

    [Test]
    public async Task ANonAsciiLocalPartGoesThroughSmtpUtf8WhenTheServerOffersIt()
    {
        await using var server = await SmtpServer.StartAsync("--smtputf8");
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input =>
        {
            MailJob.Smtp(input, server.Port);
            input["data"]!["tags"] = new JArray("mail=josé@corp.example");
        });

        run.ShouldSucceed();
        (await server.NextAsync()).RecipientsTo.Should().Equal("josé@corp.example");
    }

    [Test]
    public async Task ANonAsciiLocalPartIsAnErrorBeforeSendingWhenTheServerLacksSmtpUtf8()
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input =>
        {
            MailJob.Smtp(input, server.Port);
            input["data"]!["tags"] = new JArray("mail=josé@corp.example");
        });

        run.ShouldFail("does not offer SMTPUTF8, so it cannot take the address josé@corp.example");
        await server.ShouldReceiveNothingAsync();
    }

    [Test]
    public async Task AnIpv6HostInBracketsIsAccepted()
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input => MailJob.Smtp(input, server.Port, host: "[::1]"));

        // The test server listens on 127.0.0.1 only: the job must get as far as connecting to ::1.
        run.ShouldFail("cannot connect to the SMTP server [::1]:");
        run.ErrorMessage.Should().NotContain("Invalid URI");
    }

    [Test]
    public async Task AMailAcceptedBeforeTheStopIsNamedInTheError()
    {
        // The server accepts the message, then holds the QUIT answer: Cortex's timeout falls in between.
        await using var server = await SmtpServer.StartAsync("--slow-quit", "20");
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input => MailJob.Smtp(input, server.Port), timeout: TimeSpan.FromSeconds(4));

        var delivery = await server.NextAsync();
        var messageId = MimeKit.MimeMessage.Load(new MemoryStream(delivery.Data)).MessageId;
        run.Terminated.Should().BeTrue(run.ToString());
        run.ShouldFail("cancelled");
        run.ErrorMessage.Should().Contain($"the mail {messageId} to reporter@corp.example was accepted by 127.0.0.1:{server.Port}");
    }
}
