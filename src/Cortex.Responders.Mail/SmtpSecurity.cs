namespace Cortex.Responders.Mail;

/// <summary>How the connection to the SMTP server is protected (configuration item <c>smtp_security</c>).</summary>
internal enum SmtpSecurity
{
    /// <summary><c>auto</c>: implicit TLS on port 465, otherwise STARTTLS when the server offers it, otherwise plain.</summary>
    Auto,

    /// <summary><c>tls</c>: implicit TLS from the first byte, on any port.</summary>
    Tls,

    /// <summary><c>starttls</c>: STARTTLS, and fail when the server does not offer it.</summary>
    StartTls,

    /// <summary><c>none</c>: never TLS, for a local relay whose certificate cannot be trusted; no login then.</summary>
    None,
}
