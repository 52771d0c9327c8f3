namespace Cortex.Responders.Cli.Running;

/// <summary>What the job is asked to be, beyond what the given input says: the values an analyst and an organisation choose.</summary>
/// <param name="Config">Configuration values, key=value in order (a multi item collects its repeats).</param>
/// <param name="DataType">The job's data type, or null for the input's (or the one its <c>_type</c> names).</param>
/// <param name="Tlp">The job's TLP, or null for the input's (else 2).</param>
/// <param name="Pap">The job's PAP, or null for the input's (else 2).</param>
internal sealed record JobRequest(IReadOnlyList<(string Key, string Value)> Config, string? DataType = null, int? Tlp = null, int? Pap = null)
{
    /// <summary>The observable's value of an analyzer job (<c>--data</c>), Cortex's <c>data</c> string; null when the job comes from a given input.</summary>
    public string? Data { get; init; }

    /// <summary>The file of an analyzer <c>file</c> job (<c>--file</c>), which Cortex writes into <c>input/</c>; null otherwise.</summary>
    public string? File { get; init; }
}
