using System.Net.Security;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;
using MimeKit.Utils;

namespace Cortex.Responders.Mail;

/// <summary>
/// One SMTP session of a mail responder: connect (TLS as <see cref="SmtpSettings.Security"/> says), log in only over
/// TLS, check SMTPUTF8 for international addresses, send, and record the mail as an action of the job from the
/// moment the server may have accepted it.
/// </summary>
/// <param name="settings">The server and how to reach it.</param>
/// <param name="validateCertificate">The job's check of the server's certificate (the system's roots and the job's CA certificates).</param>
/// <param name="recordAction">Records (or, with null, removes) an action of the job under an id.</param>
/// <param name="logger">The job's log.</param>
internal sealed class SmtpSender(
    SmtpSettings settings, RemoteCertificateValidationCallback validateCertificate, Action<string, string?> recordAction, ILogger logger)
{
    /// <summary>Sends <paramref name="message"/>: the server's answer, or the one-line failure that ends the job.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">The job's token.</param>
    /// <returns>The server's answer or the failure; exactly one is not null.</returns>
    public async Task<(string? Reply, string? Failure)> TrySendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient
        {
            Timeout = (int)settings.Timeout.TotalMilliseconds,
            ServerCertificateValidationCallback = validateCertificate,
            CheckCertificateRevocation = false,
        };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var options = settings.Security switch
        {
            SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.None => SecureSocketOptions.None,
            _ => SecureSocketOptions.Auto,
        };
        var phase = SmtpPhase.Connect;
        try
        {
            deadline.CancelAfter(settings.Timeout);
            await client.ConnectAsync(settings.Host, settings.Port, options, deadline.Token);
            if (settings.Authenticates)
            {
                if (!client.IsSecure)
                {
                    return (null, $"the SMTP server {settings.Server} offers no TLS, and smtp_pwd is never sent in clear text: enable STARTTLS on the server, use its TLS port, or clear smtp_user and smtp_pwd to send without logging in");
                }

                if (!client.Capabilities.HasFlag(SmtpCapabilities.Authentication))
                {
                    return (null, $"the SMTP server {settings.Server} does not offer authentication (no AUTH after TLS): clear smtp_user and smtp_pwd to send without logging in");
                }

                phase = SmtpPhase.Authenticate;
                deadline.CancelAfter(settings.Timeout);
                await client.AuthenticateAsync(settings.User!, settings.Password!, deadline.Token);
            }

            if (!client.Capabilities.HasFlag(SmtpCapabilities.UTF8)
                && message.From.Mailboxes.Concat(message.To.Mailboxes).Concat(message.Cc.Mailboxes).Concat(message.Bcc.Mailboxes)
                    .FirstOrDefault(mailbox => !Ascii.IsValid(mailbox.LocalPart)) is { } international)
            {
                return (null, $"the SMTP server {settings.Server} does not offer SMTPUTF8, so it cannot take the address {international.Address} (non-ASCII before the @): use an ASCII address or a server that offers SMTPUTF8");
            }

            // The data may be large: bound the exchange, not the transfer (the client's own timeout bounds each read and write).
            phase = SmtpPhase.Send;
            deadline.CancelAfter(Timeout.InfiniteTimeSpan);
            message.MessageId ??= MimeUtils.GenerateMessageId(settings.From.Domain);
            var recipients = string.Join(", ", message.To.Mailboxes.Select(m => m.Address));
            recordAction(message.MessageId, $"the mail {message.MessageId} to {recipients} was being sent through {settings.Server} and may have been accepted");
            string reply;
            try
            {
                reply = await client.SendAsync(message, cancellationToken);
            }
            catch (SmtpCommandException refused) when (refused.StatusCode is >= (SmtpStatusCode)500 and < (SmtpStatusCode)600)
            {
                // Refused for good: nothing went out.
                recordAction(message.MessageId, null);
                throw;
            }

            recordAction(message.MessageId, $"the mail {message.MessageId} to {recipients} was accepted by {settings.Server}");
            try
            {
                deadline.CancelAfter(settings.Timeout);
                await client.DisconnectAsync(true, deadline.Token);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("The mail was accepted; closing the connection to {Server} failed: {Reason}", settings.Server, SmtpFailure.OneLine(exception.Message));
            }

            return (reply, null);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // The job was stopped (SIGTERM): the host has already written the error.
            throw;
        }
        catch (Exception exception)
        {
            return (null, SmtpFailure.Describe(exception, settings, phase, timedOut: deadline.IsCancellationRequested));
        }
    }
}
