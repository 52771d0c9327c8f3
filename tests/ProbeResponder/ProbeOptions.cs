using Microsoft.Extensions.Configuration;

namespace Cortex.Responders.Probe;

/// <summary>Options bound from the job's config, as a responder author binds theirs.</summary>
public sealed class ProbeOptions
{
    [ConfigurationKeyName("smtp_host")]
    public string? SmtpHost { get; set; }

    [ConfigurationKeyName("smtp_port")]
    public int SmtpPort { get; set; } = 25;

    [ConfigurationKeyName("smtp_user")]
    public string? SmtpUser { get; set; }

    public bool Enabled { get; set; }

    public List<string> To { get; set; } = [];
}
