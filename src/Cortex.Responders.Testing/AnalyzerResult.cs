using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Testing;

/// <summary>What an analyzer's job left behind: its output.json, read as Cortex reads it, the files beside it, its exit code and log.</summary>
public sealed class AnalyzerResult : JobResult
{
    internal AnalyzerResult(InProcessJob.Run run)
        : base(run) => OutputFiles = run.OutputFiles;

    /// <summary>The files the job wrote into output/ beside output.json (file artifacts), by name.</summary>
    public IReadOnlyDictionary<string, byte[]> OutputFiles { get; }

    /// <summary>The summary of a successful job, or null.</summary>
    public JObject? Summary => Report?.Summary;

    /// <summary>The summary's taxonomies of a successful job (empty otherwise).</summary>
    public IReadOnlyList<JObject> Taxonomies => Report?.Taxonomies ?? [];

    /// <summary>The artifacts of a successful job (empty otherwise).</summary>
    public IReadOnlyList<JObject> Artifacts => Report?.Artifacts ?? [];
}
