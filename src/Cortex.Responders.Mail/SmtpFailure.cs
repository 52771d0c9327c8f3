using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Cortex.Responders.Mail;

/// <summary>Turns what MailKit throws into a one-line message that says what to fix.</summary>
internal static partial class SmtpFailure
{
    public static string Describe(Exception exception, SmtpSettings settings, SmtpPhase phase, bool timedOut)
    {
        var server = settings.Server;
        var timeout = $"{settings.Timeout.TotalSeconds:0.###} s";
        timedOut |= exception is TimeoutException || exception.InnerException is TimeoutException;
        return exception switch
        {
            _ when timedOut && phase == SmtpPhase.Send =>
                $"the SMTP server {server} did not confirm the message within {timeout}; it may have been delivered anyway: check the server's log before running the responder again, or raise smtp_timeout",
            _ when timedOut =>
                $"the SMTP server {server} did not answer within {timeout}: check smtp_host, smtp_port and smtp_security (tls speaks TLS from the first byte), or raise smtp_timeout",
            NotSupportedException when settings.Security == SmtpSecurity.StartTls =>
                $"the SMTP server {server} does not offer STARTTLS, which smtp_security starttls requires: enable it on the server, or set smtp_security to auto",
            SocketException { SocketErrorCode: SocketError.ConnectionRefused } =>
                $"cannot connect to the SMTP server {server}: connection refused; check smtp_host and smtp_port, and that the server is running",
            SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData } =>
                $"cannot connect to the SMTP server {server}: the host name {settings.Host} does not resolve; check smtp_host",
            SocketException socket =>
                $"cannot connect to the SMTP server {server}: {OneLine(socket.Message)}; check smtp_host and smtp_port",
            SslHandshakeException handshake =>
                $"TLS with the SMTP server {server} failed: {TlsReason(handshake)}",
            System.Security.Authentication.AuthenticationException tls =>
                $"TLS with the SMTP server {server} failed: {OneLine(tls.Message)}",
            MailKit.Security.AuthenticationException auth =>
                $"the SMTP server {server} refused the login of smtp_user \"{settings.User}\" ({OneLine(auth.Message)}): check smtp_user and smtp_pwd",
            SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } command =>
                $"the SMTP server {server} rejected the recipient {command.Mailbox}: {Reply(command)}",
            SmtpCommandException { ErrorCode: SmtpErrorCode.SenderNotAccepted } command =>
                $"the SMTP server {server} rejected the sender {command.Mailbox}: {Reply(command)}; check config.from",
            SmtpCommandException { ErrorCode: SmtpErrorCode.MessageNotAccepted } command =>
                $"the SMTP server {server} refused the message: {Reply(command)}",
            ServiceNotAuthenticatedException notAuthenticated =>
                $"the SMTP server {server} requires authentication ({OneLine(notAuthenticated.Message)}): set smtp_user and smtp_pwd",
            SmtpCommandException { StatusCode: SmtpStatusCode.AuthenticationRequired } command =>
                $"the SMTP server {server} requires authentication ({Reply(command)}): set smtp_user and smtp_pwd",
            SmtpCommandException command =>
                $"the SMTP server {server} refused the connection: {Reply(command)}",
            SmtpProtocolException protocol =>
                $"the SMTP server {server} broke the SMTP protocol ({OneLine(protocol.Message)}): check that smtp_port is an SMTP port and smtp_security matches it",
            ServiceNotConnectedException or IOException =>
                $"the SMTP server {server} closed the connection ({OneLine(exception.Message)}): check smtp_port and smtp_security (use tls for a port that speaks TLS from the start)",
            _ => $"sending through the SMTP server {server} failed: {OneLine(exception.Message)}",
        };
    }

    /// <summary>The framework's one-line rule (<see cref="Jobs.ErrorText.OneLine"/>), empty text staying empty.</summary>
    public static string OneLine(string text) => Jobs.ErrorText.OneLine(text, empty: string.Empty);

    private static string Reply(SmtpCommandException command) => $"{(int)command.StatusCode} {OneLine(command.Message)}";

    private static string TlsReason(SslHandshakeException handshake)
    {
        // MailKit's message is a multi-paragraph help text; say the cause and the fix in one line.
        var inner = handshake.InnerException is { } cause ? OneLine(cause.Message) : null;
        if (handshake.ServerCertificate is not null)
        {
            return "the server's certificate is not trusted or does not match smtp_host"
                + (inner is null ? string.Empty : $" ({inner})")
                + "; give Cortex the CA that signed it (the organisation's CA certificates) and use the host name the certificate names, or set smtp_security to none for a relay without a trustworthy certificate";
        }

        return $"no TLS handshake ({inner ?? "the server did not answer it"}): check that the server speaks TLS on this port (smtp_security tls is for ports like 465 that start with TLS)";
    }
}
