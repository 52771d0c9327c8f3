namespace Cortex.Responders.Jobs;

/// <summary>What a job runs in: its folder, its environment and its log, set by the host or the testing helper.</summary>
internal sealed class JobContext
{
    /// <summary>The job folder, or null in the stdin/stdout transport.</summary>
    public string? JobDirectory { get; init; }

    /// <summary>Reads one environment variable (null when unset).</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Whether to export the job's proxies as http_proxy/https_proxy, as cortexutils does (the host only).</summary>
    public bool ExportProxies { get; init; }

    /// <summary>Where the responder's log and the framework's warnings go: standard error.</summary>
    public TextWriter Log { get; init; } = TextWriter.Null;
}
