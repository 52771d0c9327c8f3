using Cortex.Responders;
using System.Net;
using System.Net.Sockets;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using MimeKit;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Workers.Responders.Mailer.Tests;

/// <summary>The published Mailer flavor, run as Cortex runs it, delivering to a real SMTP server.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class MailerTests
{
    private const string Command = "Mailer/Mailer";

    [Test]
    public async Task CaseIsMailedToItsMailTagWithTheCaseNumberInTheSubject()
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input => MailJob.Smtp(input, server.Port));

        run.ShouldSucceed();
        var delivery = await server.NextAsync();
        delivery.MailFrom.Should().Be("soc@corp.example");
        delivery.RecipientsTo.Should().Equal("reporter@corp.example");
        var message = MailJob.Parse(delivery);
        message.From.Mailboxes.Single().Address.Should().Be("soc@corp.example");
        message.To.Mailboxes.Single().Address.Should().Be("reporter@corp.example");
        message.Subject.Should().Be("[Case #157] Phishing report from user");
        message.Headers[HeaderId.Date].Should().NotBeNullOrEmpty();
        message.Date.Should().BeCloseTo(DateTimeOffset.Now, TimeSpan.FromMinutes(5));
        message.MessageId.Should().EndWith("@corp.example");
        message.Body!.ContentType.MimeType.Should().Be("text/plain");
        message.Body!.ContentType.Charset.Should().BeEquivalentTo("utf-8");
        message.TextBody!.TrimEnd().Should().Be("User reported a suspicious invoice e-mail.");
        run.Operations().ShouldBeJson("""[{"type":"AddTagToCase","tag":"mail sent"}]""");
        ((string?)run.Output!["full"]!["messageId"]).Should().Be(message.MessageId);
        run.Output!["full"]!["to"]!.Values<string>().Should().Equal("reporter@corp.example");
    }

    [Test]
    public async Task AlertIsMailedToItsMailTagAndTaggedAsAnAlert()
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, "thehive-alert.json", input => MailJob.Smtp(input, server.Port));

        run.ShouldSucceed();
        var delivery = await server.NextAsync();
        delivery.RecipientsTo.Should().Equal("john@training.example");
        var message = MailJob.Parse(delivery);
        message.Subject.Should().Be("Invoice No. #131315");
        message.TextBody.Should().Contain("please find attached a suspicious email I received.");

        // TheHive rejects AddTagToCase on an alert, which the Python Mailer sends.
        run.Operations().ShouldBeJson("""[{"type":"AddTagToAlert","tag":"mail sent"}]""");
    }

    [Test]
    public async Task TaskIsMailedToTheMailtoLineAndTheRestOfItsDescriptionIsTheBody()
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, "thehive-case-task.json", input => MailJob.Smtp(input, server.Port));

        run.ShouldSucceed();
        var delivery = await server.NextAsync();
        delivery.RecipientsTo.Should().Equal("reporter@corp.example");
        var message = MailJob.Parse(delivery);
        message.Subject.Should().Be("[Case #157] [Communication] Reply and acknowledge the user");
        message.TextBody!.ReplaceLineEndings("\n").TrimEnd().Should().Be("Hello,\nThank you for your report. Our team is looking into it.\nRegards,\nSOC");
        run.Operations().ShouldBeJson("""[{"type":"AddTagToCase","tag":"mail sent"}]""");
    }

    [Test]
    public async Task NonAsciiSubjectAndBodyArriveIntact()
    {
        const string title = "Hameçonnage signalé – 請求書 №131315 🎣";
        const string description = "Bonjour Zoë,\nle message « Facture » était malveillant.\nСпасибо! 謝謝";
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input =>
        {
            MailJob.Smtp(input, server.Port);
            input["data"]!["title"] = title;
            input["data"]!["description"] = description;
        });

        run.ShouldSucceed();
        var message = MailJob.Parse(await server.NextAsync());
        message.Subject.Should().Be($"[Case #157] {title}");
        message.TextBody!.ReplaceLineEndings("\n").TrimEnd().Should().Be(description);
        ((string?)run.Output!["full"]!["subject"]).Should().Be($"[Case #157] {title}");
    }

    [Test]
    public async Task EveryMailTagIsARecipient()
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input =>
        {
            MailJob.Smtp(input, server.Port);
            input["data"]!["tags"] = new JArray("mail=first@corp.example", "phishing", "mail:second@corp.example", "mail=FIRST@corp.example");
        });

        run.ShouldSucceed();
        (await server.NextAsync()).RecipientsTo.Should().BeEquivalentTo("first@corp.example", "second@corp.example");
    }

    [Test]
    public async Task LineBreaksInATitleCannotAddHeaders()
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input =>
        {
            MailJob.Smtp(input, server.Port);
            input["data"]!["title"] = "Urgent\r\nBcc: attacker@evil.example\r\nX-Injected: yes";
        });

        run.ShouldSucceed();
        var delivery = await server.NextAsync();
        delivery.RecipientsTo.Should().Equal("reporter@corp.example");
        var headers = MailJob.HeaderNames(delivery);
        headers.Should().NotContain(h => h.Equals("Bcc", StringComparison.OrdinalIgnoreCase) || h.Equals("X-Injected", StringComparison.OrdinalIgnoreCase));
        headers.Count(h => h.Equals("Subject", StringComparison.OrdinalIgnoreCase)).Should().Be(1);
        MailJob.Parse(delivery).Subject.Should().Be("[Case #157] Urgent Bcc: attacker@evil.example X-Injected: yes");
    }

    [Test]
    public async Task LineBreakInAMailTagIsAnErrorAndNothingIsSent()
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input =>
        {
            MailJob.Smtp(input, server.Port);
            input["data"]!["tags"] = new JArray("mail=reporter@corp.example\r\nBcc: attacker@evil.example");
        });

        run.ShouldFail("holds a line break");
        await server.ShouldReceiveNothingAsync();
    }

    [Test]
    public async Task StartTlsWithTheJobsCaAndAuthentication()
    {
        using var certificates = new TestCertificates();
        await using var server = await SmtpServer.StartWithTlsAsync(certificates, "localhost", "--user", "cortex", "--password", "S3cret-smtp-Pa55");
        var run = await MailJob.RunAsync(
            Command,
            "thehive-case.json",
            input =>
            {
                var config = MailJob.Smtp(input, server.Port, "localhost");
                config["smtp_user"] = "cortex";
                config["smtp_pwd"] = "S3cret-smtp-Pa55";
            },
            certificates.AuthorityPem);

        run.ShouldSucceed();
        var delivery = await server.NextAsync();
        delivery.Tls.Should().BeTrue();
        delivery.Login.Should().Be("cortex");
        run.StandardError.Should().NotContain("S3cret-smtp-Pa55");
    }

    [Test]
    public async Task ImplicitTlsWhenSmtpSecurityIsTls()
    {
        using var certificates = new TestCertificates();
        await using var server = await SmtpServer.StartWithTlsAsync(certificates, "localhost", "--implicit-tls");
        var run = await MailJob.RunAsync(
            Command,
            "thehive-case.json",
            input => MailJob.Smtp(input, server.Port, "localhost")["smtp_security"] = "tls",
            certificates.AuthorityPem);

        run.ShouldSucceed();
        (await server.NextAsync()).Tls.Should().BeTrue();
    }

    [Test]
    public async Task UntrustedCertificateIsRefused()
    {
        using var certificates = new TestCertificates();
        await using var server = await SmtpServer.StartWithTlsAsync(certificates);
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input => MailJob.Smtp(input, server.Port, "localhost"));

        run.ShouldFail("certificate is not trusted");
        await server.ShouldReceiveNothingAsync();
    }

    [Test]
    public async Task CertificateForAnotherHostIsRefusedEvenWithTheCa()
    {
        using var certificates = new TestCertificates();
        await using var server = await SmtpServer.StartWithTlsAsync(certificates, "mail.other.example");
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input => MailJob.Smtp(input, server.Port, "localhost"), certificates.AuthorityPem);

        run.ShouldFail("TLS with the SMTP server localhost:");
        await server.ShouldReceiveNothingAsync();
    }

    [Test]
    public async Task StartTlsRequiredButNotOffered()
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input => MailJob.Smtp(input, server.Port)["smtp_security"] = "starttls");

        run.ShouldFail("does not offer STARTTLS, which smtp_security starttls requires");
        await server.ShouldReceiveNothingAsync();
    }

    [Test]
    public async Task SecurityNoneSendsWithoutTlsThroughARelayWhoseCertificateIsNotTrusted()
    {
        using var certificates = new TestCertificates();
        await using var server = await SmtpServer.StartWithTlsAsync(certificates);
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input => MailJob.Smtp(input, server.Port, "localhost")["smtp_security"] = "none");

        run.ShouldSucceed();
        (await server.NextAsync()).Tls.Should().BeFalse();
    }

    [Test]
    public async Task SecurityNoneNeverSendsThePassword()
    {
        await using var server = await SmtpServer.StartAsync("--user", "cortex", "--password", "S3cret-smtp-Pa55", "--auth-without-tls");
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input =>
        {
            var config = MailJob.Smtp(input, server.Port);
            config["smtp_security"] = "none";
            config["smtp_user"] = "cortex";
            config["smtp_pwd"] = "S3cret-smtp-Pa55";
        });

        run.ShouldFail("never sent in clear text", "S3cret-smtp-Pa55");
        await server.ShouldReceiveNothingAsync();
    }

    [Test]
    public async Task BareCarriageReturnsInTheBodyNeverReachTheWire()
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, "thehive-alert.json", input =>
        {
            MailJob.Smtp(input, server.Port);
            input["data"]!["description"] = "first\r.\r\nMAIL FROM:<x@evil.example>\rRCPT TO:<y@evil.example>\nlast";
        });

        run.ShouldSucceed();
        var delivery = await server.NextAsync();
        delivery.RecipientsTo.Should().Equal("john@training.example");
        var data = delivery.Data;
        for (var i = 0; i < data.Length; i++)
        {
            if (data[i] == (byte)'\r')
            {
                (i + 1 < data.Length && data[i + 1] == (byte)'\n').Should().BeTrue($"the CR at byte {i} must start a CRLF");
            }
        }

        MailJob.Parse(delivery).TextBody!.ReplaceLineEndings("\n").TrimEnd().Should().Be("first\n.\nMAIL FROM:<x@evil.example>\nRCPT TO:<y@evil.example>\nlast");
    }

    [Test]
    public async Task SilentServerWithImplicitTlsTimesOutWithoutBlamingTheCertificate()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input =>
        {
            var config = MailJob.Smtp(input, port);
            config["smtp_timeout"] = 1;
            config["smtp_security"] = "tls";
        });

        run.ShouldFail($"the SMTP server 127.0.0.1:{port} did not answer within 1 s");
        run.ErrorMessage.Should().NotContain("certificate");
    }

    [Test]
    public async Task ImplicitTlsOnAPlainPortSaysSo()
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input => MailJob.Smtp(input, server.Port)["smtp_security"] = "tls");

        run.ShouldFail("no TLS handshake");
        run.ErrorMessage.Should().NotContain("certificate is not trusted");
    }

    [Test]
    public async Task PasswordIsNeverSentWithoutTls()
    {
        await using var server = await SmtpServer.StartAsync("--user", "cortex", "--password", "S3cret-smtp-Pa55", "--auth-without-tls");
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input =>
        {
            var config = MailJob.Smtp(input, server.Port);
            config["smtp_user"] = "cortex";
            config["smtp_pwd"] = "S3cret-smtp-Pa55";
        });

        run.ShouldFail("never sent in clear text", "S3cret-smtp-Pa55");
        await server.ShouldReceiveNothingAsync();
    }

    [Test]
    public async Task RefusedAuthenticationEndsTheJobNamingTheLoginNotThePassword()
    {
        using var certificates = new TestCertificates();
        await using var server = await SmtpServer.StartWithTlsAsync(certificates, "localhost", "--user", "cortex", "--password", "the-right-one");
        var run = await MailJob.RunAsync(
            Command,
            "thehive-case.json",
            input =>
            {
                var config = MailJob.Smtp(input, server.Port, "localhost");
                config["smtp_user"] = "cortex";
                config["smtp_pwd"] = "Wr0ng-Pa55word";
            },
            certificates.AuthorityPem);

        run.ShouldFail("refused the login of smtp_user \"cortex\"", "Wr0ng-Pa55word");
        await server.ShouldReceiveNothingAsync();
    }

    [Test]
    public async Task PlaceholderCredentialsMeanNoLoginAndAServerThatWantsOneSaysSo()
    {
        using var certificates = new TestCertificates();
        await using var server = await SmtpServer.StartWithTlsAsync(certificates, "localhost", "--user", "cortex", "--password", "x");
        var run = await MailJob.RunAsync(
            Command,
            "thehive-case.json",
            input =>
            {
                var config = MailJob.Smtp(input, server.Port, "localhost");
                config["smtp_user"] = "user";
                config["smtp_pwd"] = "pwd";
            },
            certificates.AuthorityPem);

        run.ShouldFail("requires authentication");
        run.ErrorMessage.Should().Contain("set smtp_user and smtp_pwd");
    }

    [Test]
    public async Task AServerThatIsDownEndsTheJobNamingTheServer()
    {
        using var closed = MailJob.ClosedPort(out var port);
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input => MailJob.Smtp(input, port));

        run.ShouldFail($"cannot connect to the SMTP server 127.0.0.1:{port}: connection refused");
    }

    [Test]
    public async Task ServerRefusesTheConnection()
    {
        await using var server = await SmtpServer.StartAsync("--refuse-connection");
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input => MailJob.Smtp(input, server.Port));

        run.ShouldFail("refused the connection: 554");
    }

    [Test]
    public async Task ServerRefusesTheMessage()
    {
        await using var server = await SmtpServer.StartAsync("--refuse-message");
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input => MailJob.Smtp(input, server.Port));

        run.ShouldFail("refused the message: 554");
    }

    [Test]
    public async Task ARejectedRecipientEndsTheJobNamingTheRecipient()
    {
        await using var server = await SmtpServer.StartAsync("--reject-recipient", "reporter@");
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input => MailJob.Smtp(input, server.Port));

        run.ShouldFail("rejected the recipient reporter@corp.example: 550");
    }

    [Test]
    public async Task SilentServerTimesOutWithinSmtpTimeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input => MailJob.Smtp(input, port)["smtp_timeout"] = 1);

        run.ShouldFail($"the SMTP server 127.0.0.1:{port} did not answer within 1 s");
        run.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the timeout must bound the job, not Cortex's own job timeout");
    }

    [TestCase("thehive-case.json", "add a tag mail=<address> to the case")]
    [TestCase("thehive-alert.json", "add a tag mail=<address> to the alert")]
    public async Task NoMailTagIsAnError(string fixture, string message)
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, fixture, input =>
        {
            MailJob.Smtp(input, server.Port);
            input["data"]!["tags"] = new JArray("phishing");
        });

        run.ShouldFail(message);
        await server.ShouldReceiveNothingAsync();
    }

    [Test]
    public async Task TaskWithoutMailtoLineIsAnError()
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, "thehive-case-task.json", input =>
        {
            MailJob.Smtp(input, server.Port);
            input["data"]!["description"] = "Reply to the user.";
        });

        run.ShouldFail("first line must be mailto:<address>");
    }

    [TestCase("mail=not-an-address", "is not an e-mail address")]
    [TestCase("mail=", "is not an e-mail address")]
    public async Task BadAddressInATagIsAnError(string tag, string message)
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input =>
        {
            MailJob.Smtp(input, server.Port);
            input["data"]!["tags"] = new JArray(tag);
        });

        run.ShouldFail(message);
    }

    [TestCase("thehive-case-artifact.json")]
    [TestCase("thehive-case-task-log.json")]
    public async Task WrongDataTypeIsAnError(string fixture)
    {
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, fixture, input =>
        {
            input["config"]!["from"] = "soc@corp.example";
            MailJob.Smtp(input, server.Port);
        });

        run.ShouldFail("use Mailer_Notification for other data types");
        await server.ShouldReceiveNothingAsync();
    }

    [TestCase("from", null, "config.from is missing")]
    [TestCase("from", "not an address", "config.from is not an e-mail address")]
    [TestCase("smtp_port", "smtp", "config.smtp_port must be a port number")]
    [TestCase("smtp_port", 70000, "config.smtp_port must be a port number")]
    [TestCase("smtp_security", "ssl3", "config.smtp_security must be auto, tls, starttls or none")]
    [TestCase("smtp_timeout", 0, "config.smtp_timeout must be a number of seconds")]
    public async Task BadConfigurationIsAnError(string item, object? value, string message)
    {
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input => input["config"]![item] = value is null ? JValue.CreateNull() : JToken.FromObject(value));

        run.ShouldFail(message);
    }

    [Test]
    public async Task PortGivenAsTextIsAccepted()
    {
        // The NVISO flavor has "defaultValue": "25": a text port must still work.
        await using var server = await SmtpServer.StartAsync();
        var run = await MailJob.RunAsync(Command, "thehive-case.json", input => MailJob.Smtp(input, server.Port)["smtp_port"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        run.ShouldSucceed();
        (await server.NextAsync()).RecipientsTo.Should().Equal("reporter@corp.example");
    }
}
