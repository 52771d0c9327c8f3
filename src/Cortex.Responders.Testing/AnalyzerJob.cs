using Cortex.Responders.Jobs;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Testing;

/// <summary>
/// Runs an analyzer in-process as Cortex would: in a fresh job folder with input/input.json (and the file of a
/// <c>file</c> observable in input/), through the same code path as the published executable, then reads
/// output/output.json and the files the analyzer wrote beside it.
/// </summary>
/// <example>
/// <code>
/// var result = await AnalyzerJob.RunAsync&lt;MyAnalyzer&gt;(JObject.Parse("""{"dataType": "ip", "data": "198.51.100.7"}"""));
/// result.Summary!["taxonomies"].Should().ContainSingle();
/// </code>
/// </example>
public static class AnalyzerJob
{
    /// <summary>Runs a job whose input is <paramref name="input"/>.</summary>
    /// <typeparam name="TAnalyzer">The analyzer.</typeparam>
    /// <param name="input">The whole job input (<c>dataType</c>, <c>data</c>, <c>config</c>…).</param>
    /// <param name="options">Environment, CA certificates and timeout, or null.</param>
    /// <returns>What the job left behind.</returns>
    public static async Task<AnalyzerResult> RunAsync<TAnalyzer>(JObject input, JobOptions? options = null)
        where TAnalyzer : Analyzer, new()
    {
        ArgumentNullException.ThrowIfNull(input);
        var run = await InProcessJob.RunAsync(() => new TAnalyzer(), JobOutput.Serialize(input), options ?? new JobOptions(), inputFiles: null)
            .ConfigureAwait(false);
        return new AnalyzerResult(run);
    }

    /// <summary>
    /// Runs a job on the file observable <paramref name="file"/>, as Cortex lays it out: the file is copied into
    /// input/ under a name of Cortex's, and the input names it (<c>file</c>), with <c>filename</c> its name and
    /// <c>contentType</c> <paramref name="contentType"/>; <paramref name="input"/>'s fields (<c>config</c>,
    /// <c>tlp</c>…) are added, and replace those (a null removes one).
    /// </summary>
    /// <typeparam name="TAnalyzer">The analyzer.</typeparam>
    /// <param name="file">The file to analyse.</param>
    /// <param name="input">More fields of the job input, or null.</param>
    /// <param name="contentType">The file's content type.</param>
    /// <param name="options">Environment, CA certificates and timeout, or null.</param>
    /// <returns>What the job left behind.</returns>
    public static async Task<AnalyzerResult> RunOnFileAsync<TAnalyzer>(
        string file, JObject? input = null, string contentType = "application/octet-stream", JobOptions? options = null)
        where TAnalyzer : Analyzer, new()
    {
        ArgumentNullException.ThrowIfNull(file);
        const string Name = "attachment";
        var job = new JObject
        {
            ["dataType"] = ObservableTypes.File,
            ["file"] = Name,
            ["filename"] = Path.GetFileName(file),
            ["contentType"] = contentType,
            ["tlp"] = 2,
            ["pap"] = 2,
        };
        if (input is not null)
        {
            job.Merge(input, new JsonMergeSettings { MergeArrayHandling = MergeArrayHandling.Replace, MergeNullValueHandling = MergeNullValueHandling.Merge });
        }

        var files = new Dictionary<string, byte[]> { [Name] = await File.ReadAllBytesAsync(file).ConfigureAwait(false) };
        var run = await InProcessJob.RunAsync(() => new TAnalyzer(), JobOutput.Serialize(job), options ?? new JobOptions(), files)
            .ConfigureAwait(false);
        return new AnalyzerResult(run);
    }
}
