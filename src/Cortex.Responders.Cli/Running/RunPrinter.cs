using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Cli.Running;

/// <summary>Says a <see cref="RunResult"/> of `cortex-responder run`, as text or JSON, and gives the exit code.</summary>
internal static class RunPrinter
{
    public static async Task<int> PrintAsync(RunResult result, bool json, TextWriter output, TextWriter error)
    {
        if ((result.CommandLineError ?? result.RunError) is { } stop)
        {
            await error.WriteLineAsync($"cortex-responder run: {stop}");
        }
        else if (result.Verdict is RunResult.NotLoaded or RunResult.Refused or RunResult.NoCommand)
        {
            await PrintRefusalAsync(result, json, output);
        }
        else if (json)
        {
            await output.WriteLineAsync(result.ToJson().ToString(Formatting.Indented));
        }
        else
        {
            await PrintTextAsync(result, output);
        }

        return result.ExitStatus;
    }

    /// <summary>A flavor Cortex would not load, or a job it would refuse: nothing ran.</summary>
    private static async Task PrintRefusalAsync(RunResult result, bool json, TextWriter output)
    {
        if (result.Verdict == RunResult.NoCommand)
        {
            await output.WriteLineAsync($"verdict: {result.Problems[0]}");
            return;
        }

        if (json)
        {
            var document = new JObject { ["verdict"] = result.Verdict, [ReportKeys.Success] = false, ["problems"] = new JArray(result.Problems) };
            await output.WriteLineAsync(document.ToString(Formatting.Indented));
            return;
        }

        var refused = result.Verdict == RunResult.Refused;
        foreach (var problem in result.Problems)
        {
            await output.WriteLineAsync(refused ? $"refused: {problem}" : problem);
        }

        await output.WriteLineAsync(refused ? "verdict: Cortex would refuse this job" : "verdict: Cortex would not load or run this flavor");
    }

    private static async Task PrintTextAsync(RunResult result, TextWriter output)
    {
        var exitCode = result.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-";
        await output.WriteLineAsync($"ran: {result.Command}");
        await output.WriteLineAsync(
            $"exit code {exitCode} after {result.Elapsed.TotalMilliseconds:0} ms{(result.Terminated ? " (stopped at the timeout)" : string.Empty)}");
        if (result.JobFolder is not null)
        {
            await output.WriteLineAsync($"job folder kept: {result.JobFolder}");
        }

        foreach (var line in result.Log)
        {
            await output.WriteLineAsync($"  | {line}");
        }

        if (result.Output is { } report)
        {
            await output.WriteLineAsync($"{JobFolder.OutputFileName}:");
            await output.WriteLineAsync(report.ToString(Formatting.Indented));
        }

        foreach (var warning in result.Warnings)
        {
            await output.WriteLineAsync($"warning: {warning}");
        }

        foreach (var problem in result.Problems)
        {
            await output.WriteLineAsync($"problem: {problem}");
        }

        var judged = result.Output is { } document ? new JobReport(document) : null;
        var analyzed = judged?.HasAnalyzerFields is true
            ? $"{Count(judged.TaxonomiesToken, "taxonomy", "taxonomies")}, {Count(judged.ArtifactsToken, "artifact", "artifacts")}, "
            : string.Empty;
        await output.WriteLineAsync(result.ExitStatus == ExitCodes.Ok
            ? $"verdict: success, {analyzed}{((judged?.OperationsToken as JArray)?.Count ?? 0)} operation(s) TheHive accepts"
            : $"verdict: {result.Verdict}{(result.Success ? " with problems TheHive would hit" : string.Empty)}");
    }

    private static string Count(JToken? list, string one, string many) =>
        (list as JArray)?.Count is 1 ? $"1 {one}" : $"{(list as JArray)?.Count ?? 0} {many}";
}
