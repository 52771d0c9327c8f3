using System.Diagnostics;
using Cortex.Responders.Cli.Definitions;
using Cortex.Responders.Cli.Images;
using Cortex.Responders.Cli.Validation;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Cli.Running;

/// <summary>
/// What `cortex-responder run` does, up to its result: loads the flavor as Cortex does, builds the job
/// (<see cref="JobInputBuilder"/>, <see cref="PreparedJobFolder"/>), runs it as the chosen runner does
/// (<see cref="ProcessJobRunner"/>, with the flavor's command or a container engine's <see cref="ContainerLaunch"/>) and
/// reads the report (<see cref="ReportJudge"/>). Every end, a usage error included, is a <see cref="RunResult"/>;
/// <see cref="RunPrinter"/> says it.
/// </summary>
internal static class RunPipeline
{
    /// <summary>The engines that start containers, in the order tried without <c>--engine</c>.</summary>
    public static readonly IReadOnlyList<string> RunEngines = ["podman", "docker"];

    /// <summary>
    /// A file given with --input is read as strictly as a job input (no comments, single quotes, <c>undefined</c>,
    /// NaN, nor text after the value), except that a byte order mark is skipped: the input is written anew, so
    /// it never reaches the responder.
    /// </summary>
    private static readonly CortexJsonReadOptions AsGiven = new() { AllowByteOrderMark = true };

    public static async Task<RunResult> RunAsync(RunInvocation run, CancellationToken cancellationToken)
    {
        try
        {
            return await RunCheckedAsync(run, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new RunResult { RunError = "interrupted; the responder was stopped" };
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new RunResult { RunError = exception.Message };
        }
    }

    private static async Task<RunResult> RunCheckedAsync(RunInvocation run, CancellationToken cancellationToken)
    {
        JToken? given = null;
        try
        {
            if (run.Input is not null)
            {
                await using var stream = File.OpenRead(run.Input);
                given = CortexJson.Parse(stream, AsGiven);
            }
        }
        catch (CortexJsonException exception)
        {
            return new RunResult { CommandLineError = $"--input {run.Input} is not JSON as Cortex reads it: {exception.Message}" };
        }

        var flavorPath = Path.GetFullPath(run.Flavor);
        var flavorFile = FlavorFile.Read(flavorPath, FlavorDiscovery.RootOf(Path.GetDirectoryName(flavorPath)!));
        var findings = FlavorValidator.Validate([flavorFile]).Where(f => f.Severity == Severity.Error).ToList();
        if (findings.Count > 0 || flavorFile.Definition is null)
        {
            var reasons = findings.Select(f => f.ToString())
                .DefaultIfEmpty("the flavor file must hold one definition object (an array is a catalog: run one of its entries)");
            return Refused(RunResult.NotLoaded, reasons);
        }

        var definition = flavorFile.Definition;
        var runner = new ProcessJobRunner { AtTimeout = RunnerTimeout.Of(run.Runner) };
        Func<string, (ProcessStartInfo Start, ProcessJobRunner Runner)>? launch = null;
        if (run.Runner != RunnerNames.Process)
        {
            if ((run.Image ?? (string?)definition[FlavorKeys.DockerImage]) is not { Length: > 0 } imageName)
            {
                return new RunResult { CommandLineError = $"--runner {run.Runner} needs --image (the flavor has no dockerImage)" };
            }

            if (ContainerEngine.Find(run.Engine, RunEngines, out var missing) is not { } engine)
            {
                return new RunResult { RunError = $"--runner {run.Runner}: {missing}" };
            }

            launch = jobFolder => (
                ContainerLaunch.Create(engine, run.Runner, imageName, jobFolder),
                new ProcessJobRunner { AtTimeout = runner.AtTimeout, SignalContainer = signal => ContainerLaunch.SignalAsync(engine, jobFolder, signal) });
        }
        else if (definition["command"] is not { Type: JTokenType.String })
        {
            return Refused(RunResult.NoCommand, ["the flavor has no command (a dockerImage-only flavor runs with --runner docker or kubernetes, not here)"]);
        }

        var input = JobInputBuilder.Build(definition, given, run.Job, out var refusals);
        if (input is null)
        {
            return Refused(RunResult.Refused, refusals);
        }

        var caCertificates = run.CaCertificates is { } pem ? await File.ReadAllTextAsync(pem, cancellationToken) : null;
        var jobFolder = await PreparedJobFolder.CreateAsync(input, caCertificates, attachment: run.Job.File, cancellationToken: cancellationToken);
        RunResult result;
        try
        {
            var timeout = run.Timeout ?? JobInputBuilder.TimeoutOf(input);
            ProcessJobResult process;
            if (launch is null)
            {
                var executable = Path.GetFullPath(Path.Combine(flavorFile.Root, (string)definition["command"]!));
                process = await runner.RunAsync(executable, jobFolder.Path, timeout, cancellationToken);
            }
            else
            {
                var (start, containerRunner) = launch(jobFolder.Path);
                process = await containerRunner.RunAsync(start, jobFolder.Path, timeout, cancellationToken);
            }

            result = ReportJudge.Judge(process, (string)input["dataType"]!, timeout, run.Runner);
        }
        catch when (!run.KeepJobFolder)
        {
            jobFolder.TryDelete(out _);
            throw;
        }

        if (run.KeepJobFolder)
        {
            result.JobFolder = jobFolder.Path;
        }
        else if (!jobFolder.TryDelete(out var problem))
        {
            result.Warnings.Add($"the job folder could not be deleted ({problem}); Cortex would fail the same way");
        }

        return result;
    }

    private static RunResult Refused(string verdict, IEnumerable<string> problems)
    {
        var result = new RunResult { Verdict = verdict };
        result.Problems.AddRange(problems);
        return result;
    }
}
