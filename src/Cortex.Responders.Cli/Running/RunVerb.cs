using System.Globalization;
using System.CommandLine;
using System.Diagnostics;
using Cortex.Responders.Cli.Definitions;
using Cortex.Responders.Cli.Images;
using Cortex.Responders.Cli.Validation;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Cli.Running;

/// <summary>
/// `cortex-responder run`: loads the flavor as Cortex does, builds the job (<see cref="JobInputBuilder"/>,
/// <see cref="PreparedJobFolder"/>), runs it (<see cref="ProcessJobRunner"/>, with the flavor's command or, as a
/// container runner, a container engine's <see cref="ContainerLaunch"/>) and reads the report (<see cref="ReportJudge"/>).
/// </summary>
internal static class RunVerb
{
    /// <summary>
    /// A file given with --input is read as strictly as a job input (no comments, single quotes, <c>undefined</c>,
    /// NaN, nor text after the value), except that a byte order mark is skipped: the input is written anew, so
    /// it never reaches the responder.
    /// </summary>
    private static readonly CortexJsonReadOptions AsGiven = new() { AllowByteOrderMark = true };

    /// <summary>The engines that start containers, in the order tried without <c>--engine</c>.</summary>
    private static readonly IReadOnlyList<string> RunEngines = ["podman", "docker"];

    public static Command Create(Option<bool> json)
    {
        var flavor = new Argument<string>("flavor") { Description = "The flavor file (its folder's parent is the responders root)" }.ExistingFile();
        var input = new Option<string>("--input", "-i") { HelpName = "file", Description = "A whole job input (a responder's or an analyzer's), or just a TheHive object (case, alert, …) used as data" }.ExistingFile();
        var data = new Option<string?>("--data") { HelpName = "value", Description = "An analyzer job on this observable value, with --data-type (ip, domain, mail, …)" };
        var file = new Option<string>("--file") { HelpName = "path", Description = "An analyzer job on this file (data type file): copied into input/ under a name as Cortex gives it, its name as \"filename\"" }.ExistingFile();
        var config = new Option<string[]>("--config", "-c") { HelpName = "key=value", Description = "A configuration value, key=value (repeat for a multi item)", AllowMultipleArgumentsPerToken = false }.KeyValuePairs();
        var dataType = new Option<string?>("--data-type") { HelpName = "type", Description = $"The job's data type: for a responder {string.Join(", ", DataTypes.TheHiveObjects)} (default: the input's, or guessed from _type); for an analyzer an observable type (ip, domain, …; file with --file)" };
        dataType.AcceptOnlyFromAmong([.. DataTypes.TheHiveObjects, .. ObservableTypes.All]);
        var tlp = new Option<int?>("--tlp") { HelpName = "0-4", Description = "The job's TLP, 0 to 4 (default: the input's, else 2)" }.WholeNumber(0, 4, "TLP");
        var pap = new Option<int?>("--pap") { HelpName = "0-4", Description = "The job's PAP, 0 to 4 (default: the input's, else 2)" }.WholeNumber(0, 4, "PAP");
        var timeout = new Option<TimeSpan?>("--timeout") { HelpName = "seconds", Description = "Seconds before SIGTERM, up to a day (default: config jobTimeout minutes, else 30 min)" }.Seconds(TimeSpan.FromDays(1));
        var caCerts = new Option<string>("--cacerts") { HelpName = "ca.pem", Description = "A PEM file Cortex would write to input/cacerts (REQUESTS_CA_BUNDLE)" }.ExistingFile();
        var keep = new Option<bool>("--keep-job-folder") { Description = "Keep the job folder to look at it afterwards" };
        var runner = new Option<string>("--runner") { Description = "Cortex's runner to act as: process, or docker and kubernetes, which start --image with docker or podman", DefaultValueFactory = _ => RunnerNames.Process };
        runner.AcceptOnlyFromAmong([.. RunnerNames.All]);
        var image = new Option<string?>("--image") { HelpName = "name", Description = "The image the docker and kubernetes runners start (default: the flavor's dockerImage)" };
        var engine = new Option<string?>("--engine") { Description = "docker or podman, for the docker and kubernetes runners (default: the first installed)" };
        engine.AcceptOnlyFromAmong([.. RunEngines]);
        var verb = new Command("run", "Run a responder or an analyzer exactly as Cortex's process runner (or its Docker or Kubernetes runner) does, and read its report as Cortex and TheHive do")
        {
            flavor, input, data, file, config, dataType, tlp, pap, timeout, caCerts, keep, runner, image, engine,
        };
        verb.Validators.Add(result => RunArguments.Check(result, input, data, file, dataType));
        verb.SetAction((parse, token) => RunAsync(
            new RunInvocation(
                parse.GetValue(flavor)!,
                parse.GetValue(input),
                new JobRequest(
                    (parse.GetValue(config) ?? []).Select(pair => (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..])).ToList(),
                    parse.GetValue(dataType),
                    parse.GetValue(tlp),
                    parse.GetValue(pap))
                {
                    Data = parse.GetValue(data),
                    File = parse.GetValue(file) is { } path ? Path.GetFullPath(path) : null,
                },
                parse.GetValue(timeout),
                parse.GetValue(caCerts),
                parse.GetValue(keep),
                parse.GetValue(json),
                parse.InvocationConfiguration.Output,
                parse.InvocationConfiguration.Error)
            {
                Runner = parse.GetValue(runner)!,
                Image = parse.GetValue(image),
                Engine = parse.GetValue(engine),
            },
            token));
        return verb;
    }

    private static async Task<int> RunAsync(RunInvocation run, CancellationToken cancellationToken)
    {
        try
        {
            return await RunCheckedAsync(run, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await run.Error.WriteLineAsync("cortex-responder run: interrupted; the responder was stopped");
            return ExitCodes.Failed;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            await run.Error.WriteLineAsync($"cortex-responder run: {exception.Message}");
            return ExitCodes.Failed;
        }
    }

    private static async Task<int> RunCheckedAsync(RunInvocation run, CancellationToken cancellationToken)
    {
        var output = run.Output;
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
            await run.Error.WriteLineAsync($"cortex-responder run: --input {run.Input} is not JSON as Cortex reads it: {exception.Message}");
            return ExitCodes.Usage;
        }

        var flavorPath = Path.GetFullPath(run.Flavor);
        var flavorFile = FlavorFile.Read(flavorPath, FlavorDiscovery.RootOf(Path.GetDirectoryName(flavorPath)!));
        var findings = FlavorValidator.Validate([flavorFile]).Where(f => f.Severity == Severity.Error).ToList();
        if (findings.Count > 0 || flavorFile.Definition is null)
        {
            var reasons = findings.Select(f => f.ToString()).DefaultIfEmpty("the flavor file must hold one definition object (an array is a catalog: run one of its entries)").ToList();
            if (run.Json)
            {
                await output.WriteLineAsync(new JObject { ["verdict"] = "not loaded", [ReportKeys.Success] = false, ["problems"] = new JArray(reasons) }.ToString(Formatting.Indented));
                return ExitCodes.Failed;
            }

            foreach (var reason in reasons)
            {
                await output.WriteLineAsync(reason);
            }

            await output.WriteLineAsync("verdict: Cortex would not load or run this flavor");
            return ExitCodes.Failed;
        }

        var definition = flavorFile.Definition;
        Func<string, ProcessStartInfo>? launch = null;
        if (run.Runner != RunnerNames.Process)
        {
            if ((run.Image ?? (string?)definition[FlavorKeys.DockerImage]) is not { Length: > 0 } imageName)
            {
                await run.Error.WriteLineAsync($"cortex-responder run: --runner {run.Runner} needs --image (the flavor has no dockerImage)");
                return ExitCodes.Usage;
            }

            if (ContainerEngine.Find(run.Engine, RunEngines, out var missing) is not { } engine)
            {
                await run.Error.WriteLineAsync($"cortex-responder run: --runner {run.Runner}: {missing}");
                return ExitCodes.Failed;
            }

            launch = jobFolder => ContainerLaunch.Create(engine, run.Runner, imageName, jobFolder);
        }
        else if (definition["command"] is not { Type: JTokenType.String })
        {
            await output.WriteLineAsync("verdict: the flavor has no command (a dockerImage-only flavor runs with --runner docker or kubernetes, not here)");
            return ExitCodes.Failed;
        }

        var input = JobInputBuilder.Build(definition, given, run.Job, out var refusals);
        if (input is null)
        {
            if (run.Json)
            {
                await output.WriteLineAsync(new JObject { ["verdict"] = "refused", [ReportKeys.Success] = false, ["problems"] = new JArray(refusals) }.ToString(Formatting.Indented));
                return ExitCodes.Failed;
            }

            foreach (var refusal in refusals)
            {
                await output.WriteLineAsync($"refused: {refusal}");
            }

            await output.WriteLineAsync("verdict: Cortex would refuse this job");
            return ExitCodes.Failed;
        }

        var caCertificates = run.CaCertificates is { } pem ? await File.ReadAllTextAsync(pem, cancellationToken) : null;
        var jobFolder = await PreparedJobFolder.CreateAsync(input, caCertificates, attachment: run.Job.File, cancellationToken: cancellationToken);
        RunResult result;
        try
        {
            var timeout = run.Timeout ?? JobInputBuilder.TimeoutOf(input);
            var runner = new ProcessJobRunner { WritesMissingOutput = run.Runner != RunnerNames.Kubernetes };
            var process = launch is null
                ? await runner.RunAsync(Path.GetFullPath(Path.Combine(flavorFile.Root, (string)definition["command"]!)), jobFolder.Path, timeout, cancellationToken)
                : await runner.RunAsync(launch(jobFolder.Path), jobFolder.Path, timeout, cancellationToken);
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

        await Print(result, run.Json, output);
        return result.ExitStatus;
    }

    private static async Task Print(RunResult result, bool json, TextWriter output)
    {
        if (json)
        {
            await output.WriteLineAsync(result.ToJson().ToString(Formatting.Indented));
            return;
        }

        await output.WriteLineAsync($"ran: {result.Command}");
        await output.WriteLineAsync($"exit code {result.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-"} after {result.Elapsed.TotalMilliseconds:0} ms{(result.Terminated ? " (SIGTERM at the timeout)" : string.Empty)}");
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
    private static string Count(JToken? list, string one, string many) => (list as JArray)?.Count is 1 ? $"1 {one}" : $"{(list as JArray)?.Count ?? 0} {many}";
}
