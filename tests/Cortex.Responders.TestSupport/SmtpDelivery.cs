namespace Cortex.Responders.TestSupport;

/// <summary>A message an SMTP server accepted: the envelope, the bytes, and how the session was protected.</summary>
/// <param name="MailFrom">The envelope sender (MAIL FROM).</param>
/// <param name="RecipientsTo">The envelope recipients (RCPT TO).</param>
/// <param name="Data">The message as received after DATA.</param>
/// <param name="Tls">Whether the session was under TLS (STARTTLS or implicit).</param>
/// <param name="Login">The login the client authenticated with, or null.</param>
public sealed record SmtpDelivery(string MailFrom, IReadOnlyList<string> RecipientsTo, byte[] Data, bool Tls, string? Login);
