using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Testing;

/// <summary>
/// What a job of any worker left behind: its output.json, read as Cortex reads it (through the contract's
/// <see cref="JobReport"/>), and its exit code and log. <see cref="ResponderResult"/> and <see cref="AnalyzerResult"/>
/// add what their kind of worker reports.
/// </summary>
public abstract class JobResult
{
    private protected JobResult(InProcessJob.Run run)
    {
        ExitCode = run.ExitCode;
        OutputText = run.OutputText;
        Output = run.Output;
        Log = run.Log;
        Report = run.Output is null ? null : new JobReport(run.Output);
    }

    /// <summary>The process exit code the job would have: 0 after a report, 1 otherwise.</summary>
    public int ExitCode { get; }

    /// <summary>output/output.json as written (empty when nothing was written).</summary>
    public string OutputText { get; }

    /// <summary>output/output.json parsed, or null when it is missing or not a JSON object.</summary>
    public JObject? Output { get; }

    /// <summary>output/output.json read as a report, or null when it is missing or not a JSON object.</summary>
    public JobReport? Report { get; }

    /// <summary>What the job wrote to standard error: the worker's log and the framework's warnings.</summary>
    public string Log { get; }

    /// <summary>Whether the output says <c>"success": true</c>.</summary>
    public bool Success => Report?.Success ?? false;

    /// <summary>The full report of a successful job, or null.</summary>
    public JObject? Full => Report?.Full;

    /// <summary>The operations of a successful job (empty otherwise).</summary>
    public IReadOnlyList<JObject> Operations => Report?.Operations ?? [];

    /// <summary>The error message of a failed job, or null.</summary>
    public string? ErrorMessage => Report?.ErrorMessage;

    /// <summary>The input a failed job returned with its secrets masked (what Cortex stores), or null.</summary>
    public JObject? ErrorInput => Report?.Input;
}
