using Microsoft.Extensions.Configuration;

namespace Cortex.Responders.Mail;

/// <summary>
/// The SMTP configuration items as the job's <c>config</c> holds them, bound with <c>Configuration.Get</c> (the
/// binder's source generator: no reflection). Values stay text here: the Python Mailer's flavors give the port
/// as a number or as text, and <see cref="MailResponder"/> checks each with a message that says what to fix.
/// </summary>
internal sealed class SmtpOptions
{
    private const string FromKey = "from";

    private const string HostKey = "smtp_host";

    private const string PortKey = "smtp_port";

    private const string UserKey = "smtp_user";

    private const string PasswordKey = "smtp_pwd";

    private const string SecurityKey = "smtp_security";

    private const string TimeoutKey = "smtp_timeout";

    /// <summary>The configuration items bound here, each written once: the reader checks that each is a single value.</summary>
    public static readonly IReadOnlyList<string> Keys = [FromKey, HostKey, PortKey, UserKey, PasswordKey, SecurityKey, TimeoutKey];

    [ConfigurationKeyName(FromKey)]
    public string? From { get; set; }

    [ConfigurationKeyName(HostKey)]
    public string? Host { get; set; }

    [ConfigurationKeyName(PortKey)]
    public string? Port { get; set; }

    [ConfigurationKeyName(UserKey)]
    public string? User { get; set; }

    [ConfigurationKeyName(PasswordKey)]
    public string? Password { get; set; }

    [ConfigurationKeyName(SecurityKey)]
    public string? Security { get; set; }

    [ConfigurationKeyName(TimeoutKey)]
    public string? Timeout { get; set; }
}
