namespace Cortex.Responders.Mail;

/// <summary>Where an SMTP exchange stopped, so the error says what may already have happened.</summary>
internal enum SmtpPhase
{
    Connect,
    Authenticate,
    Send,
}
