using Microsoft.Extensions.Configuration;

namespace Cortex.Responders.Mail;

/// <summary>
/// The SMTP configuration items as the job's <c>config</c> holds them, bound with <c>Configuration.Get</c> (the
/// binder's source generator: no reflection). Values stay text here: the Python Mailer's flavors give the port
/// as a number or as text, and <see cref="MailResponder"/> checks each with a message that says what to fix.
/// </summary>
internal sealed class SmtpOptions
{
    [ConfigurationKeyName("from")]
    public string? From { get; set; }

    [ConfigurationKeyName("smtp_host")]
    public string? Host { get; set; }

    [ConfigurationKeyName("smtp_port")]
    public string? Port { get; set; }

    [ConfigurationKeyName("smtp_user")]
    public string? User { get; set; }

    [ConfigurationKeyName("smtp_pwd")]
    public string? Password { get; set; }

    [ConfigurationKeyName("smtp_security")]
    public string? Security { get; set; }

    [ConfigurationKeyName("smtp_timeout")]
    public string? Timeout { get; set; }
}
