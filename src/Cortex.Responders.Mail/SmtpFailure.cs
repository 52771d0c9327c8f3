using System.Net.Sockets;
using System.Text.RegularExpressions;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Cortex.Responders.Mail;

/// <summary>Turns what MailKit throws into a one-line message that says what to fix.</summary>
internal static partial class SmtpFailure
{
    public static string Describe(Exception exception, SmtpSettings settings, bool timedOut)
    {
        var server = settings.Server;
        var timeout = $"{settings.Timeout.TotalSeconds:0.###} s";
        return exception switch
        {
            _ when timedOut =>
                $"the SMTP server {server} did not answer within {timeout}: check smtp_host and smtp_port, or raise smtp_timeout",
            TimeoutException or IOException { InnerException: TimeoutException } =>
                $"the SMTP server {server} did not answer within {timeout}: check smtp_host and smtp_port, or raise smtp_timeout",
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

    public static string OneLine(string text) => Whitespace().Replace(text, " ").Trim();

    private static string Reply(SmtpCommandException command) => $"{(int)command.StatusCode} {OneLine(command.Message)}";

    private static string TlsReason(SslHandshakeException handshake)
    {
        // MailKit's message is a multi-paragraph help text; say the cause and the fix in one line.
        var inner = handshake.InnerException is { } cause ? OneLine(cause.Message) : null;
        if (handshake.ServerCertificate is not null || handshake.Message.Contains("certificate", StringComparison.OrdinalIgnoreCase))
        {
            return "the server's certificate is not trusted or does not match smtp_host"
                + (inner is null ? string.Empty : $" ({inner})")
                + "; give Cortex the CA that signed it (the organisation's CA certificates) and use the host name the certificate names";
        }

        return (inner ?? OneLine(handshake.Message).Split(". ")[0])
            + "; check that the server speaks TLS on this port (smtp_security) and that its certificate is trusted";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
