namespace Cortex.Responders.Mail;

/// <summary>The SMTP part of a mail responder's configuration, read and checked.</summary>
/// <param name="From">The sender (<c>config.from</c>).</param>
/// <param name="Host">The server (<c>config.smtp_host</c>, default localhost).</param>
/// <param name="Port">The port (<c>config.smtp_port</c>, default 25).</param>
/// <param name="User">The login (<c>config.smtp_user</c>), null for none.</param>
/// <param name="Password">The password (<c>config.smtp_pwd</c>), null for none.</param>
/// <param name="Security">How the connection is protected (<c>config.smtp_security</c>).</param>
/// <param name="Timeout">The bound on connecting and on each exchange with the server (<c>config.smtp_timeout</c>, seconds).</param>
internal sealed record SmtpSettings(
    MimeKit.MailboxAddress From,
    string Host,
    int Port,
    string? User,
    string? Password,
    SmtpSecurity Security,
    TimeSpan Timeout)
{
    /// <summary>The Python Mailer's placeholder credentials: its flavor fills them in by default, so they mean "none".</summary>
    internal const string PlaceholderUser = "user";

    /// <summary>See <see cref="PlaceholderUser"/>.</summary>
    internal const string PlaceholderPassword = "pwd";

    internal static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public bool Authenticates => User is not null && Password is not null;

    public string Server => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
