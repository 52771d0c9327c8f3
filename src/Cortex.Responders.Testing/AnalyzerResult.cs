using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Testing;

/// <summary>What an analyzer's job left behind: its output.json, read as Cortex reads it, the files beside it, its exit code and log.</summary>
public sealed class AnalyzerResult
{
    internal AnalyzerResult(InProcessJob.Run run)
    {
        ExitCode = run.ExitCode;
        OutputText = run.OutputText;
        Output = run.Output;
        Log = run.Log;
        OutputFiles = run.OutputFiles;
    }

    /// <summary>The process exit code the job would have: 0 after a report, 1 otherwise.</summary>
    public int ExitCode { get; }

    /// <summary>output/output.json as written (empty when nothing was written).</summary>
    public string OutputText { get; }

    /// <summary>output/output.json parsed, or null when it is missing or not a JSON object.</summary>
    public JObject? Output { get; }

    /// <summary>What the job wrote to standard error: the analyzer's log and the framework's warnings.</summary>
    public string Log { get; }

    /// <summary>The files the job wrote into output/ beside output.json (file artifacts), by name.</summary>
    public IReadOnlyDictionary<string, byte[]> OutputFiles { get; }

    /// <summary>Whether the output says <c>"success": true</c>.</summary>
    public bool Success => Output?["success"]?.Type == JTokenType.Boolean && (bool)Output["success"]!;

    /// <summary>The full report of a successful job, or null.</summary>
    public JObject? Full => Success ? Output?["full"] as JObject : null;

    /// <summary>The summary of a successful job, or null.</summary>
    public JObject? Summary => Success ? Output?["summary"] as JObject : null;

    /// <summary>The artifacts of a successful job (empty otherwise).</summary>
    public IReadOnlyList<JObject> Artifacts =>
        Success && Output?["artifacts"] is JArray artifacts ? artifacts.OfType<JObject>().ToList() : [];

    /// <summary>The operations of a successful job (empty otherwise).</summary>
    public IReadOnlyList<JObject> Operations =>
        Success && Output?["operations"] is JArray operations ? operations.OfType<JObject>().ToList() : [];

    /// <summary>The error message of a failed job, or null.</summary>
    public string? ErrorMessage => Success ? null : (string?)Output?["errorMessage"];

    /// <summary>The input a failed job returned with its secrets masked (what Cortex stores), or null.</summary>
    public JObject? ErrorInput => Success ? null : Output?["input"] as JObject;
}
