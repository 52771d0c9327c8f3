using System.CommandLine;
using Cortex.Responders.Cli.Catalog;
using Cortex.Responders.Cli.Definitions;
using Cortex.Responders.Cli.Images;
using Cortex.Responders.Cli.Running;
using Cortex.Responders.Cli.Validation;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Cli;

/// <summary>
/// cortex-responder: validate flavor files as Cortex reads them, run a responder as Cortex's process runner
/// does, build catalogs. Exit codes: 0 ok, 1 the check or the job failed, 2 bad usage.
/// </summary>
internal static class CortexResponderCli
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON document for machines instead of text", Recursive = true };

        var paths = new Argument<string[]>("path") { Description = "Flavor files, responder folders or a responders root", Arity = ArgumentArity.OneOrMore };
        var validate = new Command("validate", "Check flavor files with every rule Cortex applies when reading them, and the rules it should have") { paths };
        validate.SetAction(parse => Validate(parse.GetValue(paths)!, parse.GetValue(json), output));

        var flavor = new Argument<string>("flavor") { Description = "The flavor file (its folder's parent is the responders root)" };
        var input = new Option<string>("--input", "-i") { Description = "A whole job input, or just a TheHive object (case, alert, …) used as data", Required = true };
        var config = new Option<string[]>("--config", "-c") { Description = "A configuration value, key=value (repeat for a multi item)", AllowMultipleArgumentsPerToken = false };
        var dataType = new Option<string?>("--data-type") { Description = "thehive:case, thehive:alert, … (default: the input's, or guessed from _type)" };
        var tlp = new Option<int?>("--tlp") { Description = "The job's TLP (default: the input's, else 2)" };
        var pap = new Option<int?>("--pap") { Description = "The job's PAP (default: the input's, else 2)" };
        var timeout = new Option<double?>("--timeout") { Description = "Seconds before SIGTERM (default: config jobTimeout minutes, else 30 min)" };
        var caCerts = new Option<string?>("--cacerts") { Description = "A PEM file Cortex would write to input/cacerts (REQUESTS_CA_BUNDLE)" };
        var keep = new Option<bool>("--keep-job-folder") { Description = "Keep the job folder to look at it afterwards" };
        var runner = new Option<string>("--runner") { Description = "Cortex's runner to act as: process, or docker and kubernetes, which start --image with docker or podman", DefaultValueFactory = _ => "process" };
        runner.AcceptOnlyFromAmong("process", ContainerLaunch.Docker, ContainerLaunch.Kubernetes);
        var image = new Option<string?>("--image") { Description = "The image the docker and kubernetes runners start (default: the flavor's dockerImage)" };
        var engine = new Option<string?>("--engine") { Description = "docker or podman, for the docker and kubernetes runners (default: the first installed)" };
        engine.AcceptOnlyFromAmong("podman", "docker");
        var run = new Command("run", "Run a responder exactly as Cortex's process runner does, and read its report as Cortex and TheHive do")
        {
            flavor, input, config, dataType, tlp, pap, timeout, caCerts, keep, runner, image, engine,
        };
        run.SetAction((parse, token) => Run(
            new RunRequest(
                parse.GetValue(flavor)!,
                parse.GetValue(input)!,
                (parse.GetValue(config) ?? []).Select(SplitPair).ToList(),
                parse.GetValue(dataType),
                parse.GetValue(tlp),
                parse.GetValue(pap),
                parse.GetValue(timeout) is { } seconds ? (seconds is > 0 and <= 86_400 ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero) : null,
                parse.GetValue(caCerts),
                parse.GetValue(keep)) { Runner = parse.GetValue(runner)!, Image = parse.GetValue(image), Engine = parse.GetValue(engine) },
            parse.GetValue(json),
            output,
            error,
            token));

        var root = new Argument<string>("root") { Description = "The responders root" };
        var outFile = new Option<string?>("--output", "-o") { Description = "Write the catalog there (default: standard output)" };
        var prefix = new Option<string>("--image-prefix") { Description = "Image name prefix", DefaultValueFactory = _ => "cortex-responders" };
        var tag = new Option<string?>("--tag") { Description = "Image tag (default: each flavor's version)" };
        var catalog = new Command("catalog", "Write a catalog (responders.json) as Cortex-Analyzers publishes it: dockerImage set, command removed") { root, outFile, prefix, tag };
        catalog.SetAction(parse => Catalog(parse.GetValue(root)!, parse.GetValue(outFile), parse.GetValue(prefix)!, parse.GetValue(tag), output, error));

        var command = new RootCommand("cortex-responder: check and run TheHive/Cortex responders as Cortex does. Exit codes: 0 ok, 1 the check or the job failed, 2 bad usage.")
        {
            validate, run, catalog, ImageCommand.Create(json, output, error), json,
        };
        var parsed = command.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync($"cortex-responder: {parseError.Message}");
            }

            await error.WriteLineAsync("Run cortex-responder --help for usage.");
            return Usage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }

    private static (string Key, string Value) SplitPair(string pair)
    {
        var equals = pair.IndexOf('=');
        return equals <= 0 ? (pair, string.Empty) : (pair[..equals], pair[(equals + 1)..]);
    }

    private static int Validate(string[] paths, bool json, TextWriter output)
    {
        var files = FlavorDiscovery.Find(paths, out var problems, out var ignored);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                output.WriteLine(problem);
            }

            return Usage;
        }

        var findings = FlavorValidator.Validate(files);
        findings.AddRange(ignored.Select(f => new Finding(Severity.Warning, "root-json", f, "$", 0, "a JSON file at the responders root: Cortex reads only the sub-folders' files, so it is ignored", "move it into a responder folder, or out of the root")));
        if (!files.Any(f => f.LooksLikeDefinition || f.Json is JArray))
        {
            findings.Add(new Finding(Severity.Error, "no-definitions", string.Join(", ", paths), "$", 0, "no responder definition found: Cortex would load nothing from here", "name a flavor file, a responder folder or a responders root (whose sub-folders hold the flavors)"));
        }

        var errors = findings.Count(f => f.Severity == Severity.Error);
        var warnings = findings.Count - errors;
        var definitions = files.Count(f => f.LooksLikeDefinition || f.Json is JArray);
        if (json)
        {
            output.WriteLine(new JObject
            {
                ["files"] = files.Count,
                ["definitions"] = definitions,
                ["errors"] = errors,
                ["warnings"] = warnings,
                ["findings"] = new JArray(findings.Select(f => f.ToJson())),
            }.ToString(Formatting.Indented));
        }
        else
        {
            foreach (var finding in findings.OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line))
            {
                output.WriteLine(finding);
            }

            output.WriteLine($"{files.Count} file(s), {definitions} definition(s): {errors} error(s), {warnings} warning(s)");
        }

        return errors > 0 ? Failed : Ok;
    }

    private static async Task<int> Run(RunRequest request, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        foreach (var (option, file) in new[] { ("flavor", request.Flavor), ("--input", request.Input), ("--cacerts", request.CaCertificates) })
        {
            if (file is not null && !File.Exists(file))
            {
                await error.WriteLineAsync($"cortex-responder run: {option} {file}: no such file");
                return Usage;
            }
        }

        if (request.Timeout is { } limit && (limit <= TimeSpan.Zero || limit > TimeSpan.FromDays(1)))
        {
            await error.WriteLineAsync("cortex-responder run: --timeout must be a number of seconds above 0 and up to one day");
            return Usage;
        }

        try
        {
            return await RunCheckedAsync(request, json, output, error, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("cortex-responder run: interrupted; the responder was stopped");
            return Failed;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"cortex-responder run: {exception.Message}");
            return Failed;
        }
    }

    private static async Task<int> RunCheckedAsync(RunRequest request, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var flavorPath = Path.GetFullPath(request.Flavor);
        var flavorFile = FlavorFile.Read(flavorPath, FlavorDiscovery.RootOf(Path.GetDirectoryName(flavorPath)!));

        var findings = FlavorValidator.Validate([flavorFile]).Where(f => f.Severity == Severity.Error).ToList();
        if (findings.Count > 0 || flavorFile.Definition is null)
        {
            var reasons = findings.Select(f => f.ToString()).DefaultIfEmpty("the flavor file must hold one definition object (an array is a catalog: run one of its entries)").ToList();
            if (json)
            {
                await output.WriteLineAsync(new JObject { ["verdict"] = "not loaded", ["success"] = false, ["problems"] = new JArray(reasons) }.ToString(Formatting.Indented));
                return Failed;
            }

            foreach (var reason in reasons)
            {
                await output.WriteLineAsync(reason);
            }

            await output.WriteLineAsync("verdict: Cortex would not load or run this flavor");
            return Failed;
        }

        var definition = flavorFile.Definition;
        Func<string, System.Diagnostics.ProcessStartInfo>? launch = null;
        if (request.Runner != "process")
        {
            if ((request.Image ?? (string?)definition["dockerImage"]) is not { Length: > 0 } imageName)
            {
                await error.WriteLineAsync($"cortex-responder run: --runner {request.Runner} needs --image (the flavor has no dockerImage)");
                return Usage;
            }

            if (ContainerEngine.Find(request.Engine, ["podman", "docker"], out var missing) is not { } containerEngine)
            {
                await error.WriteLineAsync($"cortex-responder run: --runner {request.Runner}: {missing}");
                return Failed;
            }

            launch = jobFolder => ContainerLaunch.Create(containerEngine, request.Runner, imageName, jobFolder);
        }
        else if (definition["command"] is not { Type: JTokenType.String })
        {
            await output.WriteLineAsync("verdict: the flavor has no command (a dockerImage-only flavor runs in Docker, not here)");
            return Failed;
        }

        JToken given;
        try
        {
            using var reader = new JsonTextReader(File.OpenText(request.Input)) { DateParseHandling = DateParseHandling.None };
            given = JToken.ReadFrom(reader);
        }
        catch (JsonReaderException exception)
        {
            await error.WriteLineAsync($"cortex-responder run: --input {request.Input} is not JSON: {exception.Message}");
            return Usage;
        }

        var input = JobEmulator.BuildInput(definition, given, request, out var refusals);
        if (input is null && json)
        {
            await output.WriteLineAsync(new JObject { ["verdict"] = "refused", ["success"] = false, ["problems"] = new JArray(refusals) }.ToString(Formatting.Indented));
            return Failed;
        }

        if (input is null)
        {
            foreach (var refusal in refusals)
            {
                await output.WriteLineAsync($"refused: {refusal}");
            }

            await output.WriteLineAsync("verdict: Cortex would refuse this job");
            return Failed;
        }

        var result = await JobEmulator.RunAsync(flavorFile.Root, (string?)definition["command"], input, request, cancellationToken, launch);
        if (json)
        {
            await output.WriteLineAsync(result.ToJson().ToString(Formatting.Indented));
            return result.ExitStatus;
        }

        await output.WriteLineAsync($"ran: {result.Command}");
        await output.WriteLineAsync($"exit code {result.ExitCode?.ToString() ?? "-"} after {result.Elapsed.TotalMilliseconds:0} ms{(result.Terminated ? " (SIGTERM at the timeout)" : string.Empty)}");
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
            await output.WriteLineAsync("output.json:");
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

        await output.WriteLineAsync(result.ExitStatus == Ok
            ? $"verdict: success, {((result.Output?["operations"] as JArray)?.Count ?? 0)} operation(s) TheHive accepts"
            : $"verdict: {result.Verdict}{(result.Success ? " with problems TheHive would hit" : string.Empty)}");
        return result.ExitStatus;
    }

    private static int Catalog(string root, string? outFile, string prefix, string? tag, TextWriter output, TextWriter error)
    {
        if (!Directory.Exists(root))
        {
            error.WriteLine($"cortex-responder catalog: {root}: no such folder");
            return Usage;
        }

        var files = FlavorDiscovery.Find([root], out _, out _);

        // A catalog entry runs from its image: the command's file is not needed, every other rule is.
        var errors = FlavorValidator.Validate(files).Where(f => f.Severity == Severity.Error && !f.Rule.StartsWith("command-", StringComparison.Ordinal)).ToList();
        if (errors.Count > 0)
        {
            foreach (var finding in errors)
            {
                error.WriteLine(finding);
            }

            error.WriteLine($"cortex-responder catalog: {errors.Count} error(s): no catalog written");
            return Failed;
        }

        if (!files.Any(f => f.LooksLikeDefinition))
        {
            error.WriteLine($"cortex-responder catalog: no responder definition under {root} (a root holds one folder per responder)");
            return Failed;
        }

        var catalog = CatalogBuilder.Build(files, prefix, tag).ToString(Formatting.Indented);
        if (outFile is null)
        {
            output.WriteLine(catalog);
        }
        else
        {
            try
            {
                File.WriteAllText(outFile, catalog + "\n");
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"cortex-responder catalog: cannot write {outFile}: {exception.Message}");
                return Failed;
            }

            output.WriteLine($"{outFile}: {files.Count(f => f.LooksLikeDefinition)} definition(s)");
        }

        return Ok;
    }
}
