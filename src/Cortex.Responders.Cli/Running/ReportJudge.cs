using Cortex.Responders.Cli.Images;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Cli.Running;

/// <summary>
/// Reads a finished job's <c>output/output.json</c> as Cortex does (strict JSON, text after the value ignored),
/// then as TheHive does: <c>success</c>, <c>full</c> an object, and every operation one TheHive accepts, with its
/// fields, after a job on this data type (<see cref="OperationCatalog"/>; an analyzer's operations act on the
/// observable it analysed, <c>thehive:case_artifact</c>). A job on an observable type is an analyzer's: its summary
/// and artifacts are checked too (<see cref="AnalyzerReportCheck"/>). Through a container runner, an engine
/// that could not start the image is "not started"; Cortex's Kubernetes runner leaves a missing report missing.
/// </summary>
internal static class ReportJudge
{
    private const string OutputJson = JobFolder.OutputFolder + "/" + JobFolder.OutputFileName;
    private const string Unreadable = "Cortex cannot read the report and the job never ends well in TheHive";

    /// <summary>Cortex reads the report with Jackson from a stream: a UTF-8 byte order mark is skipped, what follows the value ignored.</summary>
    private static readonly CortexJsonReadOptions AsCortexReadsReports = new() { IgnoreTrailingContent = true, AllowByteOrderMark = true };

    /// <param name="run">How the process ended.</param>
    /// <param name="dataType">The job's data type, which decides the operations TheHive can apply: a TheHive object for a responder, an observable type for an analyzer.</param>
    /// <param name="timeout">The job timeout the process ran under.</param>
    /// <param name="runner">The Cortex runner the job ran as (<see cref="RunnerNames"/>).</param>
    public static RunResult Judge(ProcessJobResult run, string dataType, TimeSpan timeout, string runner = RunnerNames.Process)
    {
        var result = new RunResult
        {
            Command = run.Command,
            ExitCode = run.ExitCode,
            Terminated = run.Terminated,
            Elapsed = run.Elapsed,
        };
        result.Log.AddRange(run.Log);
        if (run.StartFailure is { } failure)
        {
            result.Verdict = "failure";
            result.Problems.Add(failure);
            return result;
        }

        var outputFile = JobFolder.OutputFile(run.JobFolder);
        var reported = run.NoOutputReport is null && File.Exists(outputFile) && new FileInfo(outputFile).Length > 0;
        if (runner != RunnerNames.Process && ContainerLaunch.NotStarted(run.ExitCode) && !reported)
        {
            result.Verdict = "not started";
            var reason = run.Log.Select(l => l[(l.IndexOf(": ", StringComparison.Ordinal) + 2)..].Trim()).LastOrDefault(l => l.Length > 0);
            result.Problems.Add($"the container engine could not start the image (exit {run.ExitCode}): {reason ?? "no reason given"}");
            return result;
        }

        result.Warnings.AddRange(run.Warnings);

        if (run.NoOutputReport is { } written)
        {
            result.Verdict = "no output";
            result.Output = written;
            result.Problems.Add(
                $"no {OutputJson}{(run.Terminated ? " after the timeout" : string.Empty)}: Cortex fails the job with everything the process printed as its message");
            return result;
        }

        if (!reported)
        {
            // The runner wrote nothing in place of the missing report (ProcessJobRunner.WritesMissingOutput).
            result.Verdict = "no output";
            result.Problems.Add(
                $"no {OutputJson}{(run.Terminated ? " after the timeout" : string.Empty)}: Cortex's Kubernetes runner writes nothing in its place, and the job shows no output");
            return result;
        }

        JToken parsed;
        try
        {
            using var stream = File.OpenRead(outputFile);
            parsed = CortexJson.Parse(stream, AsCortexReadsReports);
        }
        catch (CortexJsonException exception)
        {
            result.Verdict = "invalid output";
            result.Problems.Add($"{OutputJson} is not JSON as Cortex reads it ({exception.Message}): {Unreadable}");
            return result;
        }

        if (parsed is not JObject output)
        {
            result.Verdict = "invalid output";
            result.Problems.Add($"{OutputJson} is {JsonDescription.Of(parsed)}, not an object: {Unreadable}");
            return result;
        }

        result.Output = output;
        var report = new JobReport(output);
        var analyzer = !DataTypes.IsTheHiveObject(dataType);
        var worker = analyzer ? "analyzer" : "responder";
        if (!report.Success)
        {
            result.Verdict = "failure";
            result.Problems.Add(report.ErrorMessage is { } message
                ? $"the {worker} failed: {message}"
                : $"the {worker} failed without an \"{ReportKeys.ErrorMessage}\" string: TheHive shows no reason");
            if (!report.HasBooleanSuccess)
            {
                result.Warnings.Add($"\"{ReportKeys.Success}\" is missing or not a boolean: Cortex counts the job as failed");
            }

            return result;
        }

        result.Verdict = "success";
        result.Success = true;
        if (report.Full is null)
        {
            result.Verdict = "broken report";
            var full = report.FullToken is null ? "missing" : JsonDescription.Of(report.FullToken);
            result.Problems.Add($"\"{ReportKeys.Full}\" is {full}, not an object: TheHive cannot build the report");
        }

        if (analyzer)
        {
            result.Problems.AddRange(AnalyzerReportCheck.Check(output, Path.Combine(run.JobFolder, JobFolder.OutputFolder)));
        }

        switch (report.OperationsToken)
        {
            case null:
                break;
            case JArray operations:
                for (var i = 0; i < operations.Count; i++)
                {
                    foreach (var problem in OperationCatalog.Check(operations[i], analyzer ? DataTypes.Observable : dataType))
                    {
                        result.Problems.Add($"operations[{i}]: {problem}");
                    }
                }

                break;
            default:
                result.Problems.Add($"\"{ReportKeys.Operations}\" is not an array: TheHive applies none");
                break;
        }

        if (run.ExitCode is not 0)
        {
            result.Warnings.Add($"the process exited with {run.ExitCode} after a successful report: Cortex keeps the report, but something failed after it");
        }

        // The library's JobOutput says so on stderr when a second Report or Error comes after the output was written.
        if (run.Log.Any(l => l.Contains("ignored: this job already has its output", StringComparison.Ordinal)))
        {
            result.Warnings.Add("the worker reported more than once: Cortex keeps the first output, and the code after the first Report or Error ran on");
        }

        if (run.Log.Any(l => l.StartsWith("stdout: ", StringComparison.Ordinal)))
        {
            result.Warnings.Add(
                "the process printed on standard output: Cortex only logs it here, but with Cortex 2's stdin/stdout transport it breaks the report (\"Invalid output\")");
        }

        return result;
    }
}
