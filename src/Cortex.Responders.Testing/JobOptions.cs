namespace Cortex.Responders.Testing;

/// <summary>How <see cref="ResponderJob"/> runs a job, beyond its input.</summary>
public sealed class JobOptions
{
    /// <summary>
    /// Environment variables the responder sees through <c>GetEnv</c> (and REQUESTS_CA_BUNDLE); when set,
    /// the process environment is not read at all.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>PEM CA certificates to write to the job's input/cacerts, as Cortex does for an organisation's CAs.</summary>
    public string? CaCertificates { get; init; }

    /// <summary>Stops the job after this long, as Cortex's job timeout does (SIGTERM).</summary>
    public TimeSpan? Timeout { get; init; }
}
