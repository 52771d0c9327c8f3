using System.Net;
using System.Net.Sockets;
using Cortex.Responders.Testing;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Mail.Tests;

/// <summary>
/// CreateMessage and SendAsync, in-process against a real SMTP server on loopback: what arrives, how the connection is
/// protected, and the one-line error each failure ends the job with.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class SendAsyncTests
{
    private const string Password = "S3cret-smtp-Pa55";

    /// <summary>The machine's own CA bundle must not count: only what a test gives.</summary>
    private static readonly JobOptions NoCa = new() { Environment = new Dictionary<string, string> { ["REQUESTS_CA_BUNDLE"] = string.Empty } };

    [Test]
    public async Task MessageIsPlainUtf8FromTheSenderWithDateAndMessageIdInItsDomain()
    {
        await using var server = await SmtpServer.StartAsync();

        var result = await RunAsync(server.Port, new JObject { ["subject"] = "Hameçonnage – 請求書 🎣", ["body"] = "Bonjour Zoë,\nСпасибо! 謝謝" });

        result.Success.Should().BeTrue(result.OutputText + result.Log);
        var delivery = await server.NextAsync();
        delivery.MailFrom.Should().Be("soc@corp.example");
        delivery.RecipientsTo.Should().Equal("ops@corp.example");
        delivery.Tls.Should().BeFalse();
        var message = MailJob.Parse(delivery);
        message.From.Mailboxes.Single().Address.Should().Be("soc@corp.example");
        message.To.Mailboxes.Single().Address.Should().Be("ops@corp.example");
        message.Subject.Should().Be("Hameçonnage – 請求書 🎣");
        message.Date.Should().BeCloseTo(DateTimeOffset.Now, TimeSpan.FromMinutes(5));
        message.MessageId.Should().EndWith("@corp.example");
        message.Body!.ContentType.MimeType.Should().Be("text/plain");
        message.Body!.ContentType.Charset.Should().BeEquivalentTo("utf-8");
        message.TextBody!.ReplaceLineEndings("\n").TrimEnd().Should().Be("Bonjour Zoë,\nСпасибо! 謝謝");
        ((string?)result.Full!["messageId"]).Should().Be(message.MessageId);
        ((string?)result.Full!["reply"]).Should().Contain("Ok: queued as 4F2A1", "SendAsync returns the server's answer");
    }

    [Test]
    public async Task LineBreaksInTheSubjectCannotAddHeaders()
    {
        await using var server = await SmtpServer.StartAsync();

        var result = await RunAsync(server.Port, new JObject { ["subject"] = "Urgent\r\nBcc: attacker@evil.example\r\nX-Injected: yes" });

        result.Success.Should().BeTrue(result.OutputText + result.Log);
        var delivery = await server.NextAsync();
        delivery.RecipientsTo.Should().Equal("ops@corp.example");
        MailJob.HeaderNames(delivery).Should().NotContain(h => h.Equals("Bcc", StringComparison.OrdinalIgnoreCase) || h.Equals("X-Injected", StringComparison.OrdinalIgnoreCase));
        MailJob.Parse(delivery).Subject.Should().Be("Urgent Bcc: attacker@evil.example X-Injected: yes");
    }

    [Test]
    public async Task BareCarriageReturnsInTheBodyNeverReachTheWire()
    {
        await using var server = await SmtpServer.StartAsync();

        var result = await RunAsync(server.Port, new JObject { ["body"] = "first\r.\r\nMAIL FROM:<x@evil.example>\rRCPT TO:<y@evil.example>\nlast" });

        result.Success.Should().BeTrue(result.OutputText + result.Log);
        var delivery = await server.NextAsync();
        delivery.RecipientsTo.Should().Equal("ops@corp.example");
        for (var i = 0; i < delivery.Data.Length; i++)
        {
            if (delivery.Data[i] == (byte)'\r')
            {
                (i + 1 < delivery.Data.Length && delivery.Data[i + 1] == (byte)'\n').Should().BeTrue($"the CR at byte {i} must start a CRLF");
            }
        }

        MailJob.Parse(delivery).TextBody!.ReplaceLineEndings("\n").TrimEnd().Should().Be("first\n.\nMAIL FROM:<x@evil.example>\nRCPT TO:<y@evil.example>\nlast");
    }

    [Test]
    public async Task StartTlsTrustsTheJobsCaAndThenLogsIn()
    {
        using var certificates = new TestCertificates();
        await using var server = await SmtpServer.StartWithTlsAsync(certificates, "localhost", "--user", "cortex", "--password", Password);

        var result = await RunAsync(
            server.Port, new JObject { ["smtp_host"] = "localhost", ["smtp_user"] = "cortex", ["smtp_pwd"] = Password }, new() { CaCertificates = certificates.AuthorityPem });

        result.Success.Should().BeTrue(result.OutputText + result.Log);
        var delivery = await server.NextAsync();
        delivery.Tls.Should().BeTrue();
        delivery.Login.Should().Be("cortex");
        result.Log.Should().NotContain(Password);
    }

    [Test]
    public async Task CertificateTheJobDoesNotTrustIsRefusedBeforeAnythingIsSent()
    {
        using var certificates = new TestCertificates();
        await using var server = await SmtpServer.StartWithTlsAsync(certificates);

        var result = await RunAsync(server.Port, new JObject { ["smtp_host"] = "localhost" }, NoCa);

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().StartWith($"TLS with the SMTP server localhost:{server.Port} failed: the server's certificate is not trusted");
        await server.ShouldReceiveNothingAsync();
    }

    [Test]
    public async Task PasswordIsNeverSentWithoutTls()
    {
        await using var server = await SmtpServer.StartAsync("--user", "cortex", "--password", Password, "--auth-without-tls");

        var result = await RunAsync(server.Port, new JObject { ["smtp_user"] = "cortex", ["smtp_pwd"] = Password });

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().StartWith($"the SMTP server 127.0.0.1:{server.Port} offers no TLS, and smtp_pwd is never sent in clear text");
        (result.OutputText + result.Log).Should().NotContain(Password);
        await server.ShouldReceiveNothingAsync();
    }

    [TestCase("--refuse-connection", "refused the connection: 554", TestName = "ServerAnswerEndsTheJobWithWhatToFix(greeting refused)")]
    [TestCase("--refuse-message", "refused the message: 554 5.7.1 Message rejected: looks like spam", TestName = "ServerAnswerEndsTheJobWithWhatToFix(message refused)")]
    [TestCase("--reject-recipient=ops@", "rejected the recipient ops@corp.example: 550", TestName = "ServerAnswerEndsTheJobWithWhatToFix(recipient rejected)")]
    public async Task ServerAnswerEndsTheJobWithWhatToFix(string option, string message)
    {
        await using var server = await SmtpServer.StartAsync(option);

        var result = await RunAsync(server.Port);

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().StartWith($"the SMTP server 127.0.0.1:{server.Port} ").And.Contain(message).And.NotContainAny("\n", "\r");
        result.Full.Should().BeNull("the job stops at the failure");
    }

    [Test]
    public async Task ClosedPortSaysConnectionRefused()
    {
        using var closed = MailJob.ClosedPort(out var port);

        var result = await RunAsync(port);

        result.ErrorMessage.Should().Be($"cannot connect to the SMTP server 127.0.0.1:{port}: connection refused; check smtp_host and smtp_port, and that the server is running");
    }

    [Test]
    public async Task SilentServerTimesOutWithinSmtpTimeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;

        var result = await RunAsync(port, new JObject { ["smtp_timeout"] = 1 });

        result.ErrorMessage.Should().StartWith($"the SMTP server 127.0.0.1:{port} did not answer within 1 s");
    }

    private static Task<ResponderResult> RunAsync(int port, JObject? config = null, JobOptions? options = null)
    {
        var settings = new JObject { ["smtp_host"] = "127.0.0.1", ["smtp_port"] = port, ["to"] = "ops@corp.example" };
        settings.Merge(config ?? []);
        return ResponderJob.RunAsync<SendingResponder>(MailInput.FromFixture("thehive-case.json", settings), options ?? NoCa);
    }

    /// <summary>Mails config.subject and config.body to config.to, and reports the Message-ID and the server's answer.</summary>
    private sealed class SendingResponder : MailResponder
    {
        protected override async Task RunAsync(CancellationToken cancellationToken)
        {
            var message = CreateMessage(
                ParseAddresses(GetParam<string>("config.to")!, "config.to"),
                GetParam("config.subject", "A subject")!,
                GetParam("config.body", "A body")!);
            var reply = await SendAsync(message, cancellationToken);
            Report(new JObject { ["messageId"] = message.MessageId, ["reply"] = reply });
        }
    }
}
