using System.CommandLine;

namespace Cortex.Responders.Cli.Running;

/// <summary>
/// `cortex-responder run`: its options, read into a <see cref="RunInvocation"/> that <see cref="RunPipeline"/> runs to a
/// <see cref="RunResult"/> and <see cref="RunPrinter"/> says.
/// </summary>
internal static class RunVerb
{
    public static Command Create(Option<bool> json)
    {
        var flavor = new Argument<string>("flavor") { Description = "The flavor file (its folder's parent is the responders root)" }.ExistingFile();
        var input = new Option<string>("--input", "-i")
        {
            HelpName = "file",
            Description = "A whole job input (a responder's or an analyzer's), or just a TheHive object (case, alert, …) used as data",
        }.ExistingFile();
        var data = new Option<string?>("--data") { HelpName = "value", Description = "An analyzer job on this observable value, with --data-type (ip, domain, mail, …)" };
        var file = new Option<string>("--file")
        {
            HelpName = "path",
            Description = "An analyzer job on this file (data type file): copied into input/ under a name as Cortex gives it, its name as \"filename\"",
        }.ExistingFile();
        var config = new Option<string[]>("--config", "-c")
        {
            HelpName = "key=value",
            Description = "A configuration value, key=value (repeat for a multi item)",
            AllowMultipleArgumentsPerToken = false,
        }.KeyValuePairs();
        var dataType = new Option<string?>("--data-type")
        {
            HelpName = "type",
            Description = $"The job's data type: for a responder {string.Join(", ", DataTypes.TheHiveObjects)} (default: the input's, or guessed from _type); "
                + "for an analyzer an observable type (ip, domain, …; file with --file)",
        };
        dataType.AcceptOnlyFromAmong([.. DataTypes.TheHiveObjects, .. ObservableTypes.All]);
        var tlp = new Option<int?>("--tlp") { HelpName = "0-4", Description = "The job's TLP, 0 to 4 (default: the input's, else 2)" }.WholeNumber(0, 4, "TLP");
        var pap = new Option<int?>("--pap") { HelpName = "0-4", Description = "The job's PAP, 0 to 4 (default: the input's, else 2)" }.WholeNumber(0, 4, "PAP");
        var timeout = new Option<TimeSpan?>("--timeout")
        {
            HelpName = "seconds",
            Description = "Seconds before the runner stops the job (process: SIGTERM), up to a day (default: config jobTimeout minutes, else 30 min)",
        }.Seconds(TimeSpan.FromDays(1));
        var caCerts = new Option<string>("--cacerts") { HelpName = "ca.pem", Description = "A PEM file Cortex would write to input/cacerts (REQUESTS_CA_BUNDLE)" }.ExistingFile();
        var keep = new Option<bool>("--keep-job-folder") { Description = "Keep the job folder to look at it afterwards" };
        var runner = new Option<string>("--runner")
        {
            Description = "Cortex's runner to act as: process, or docker and kubernetes, which start --image with docker or podman",
            DefaultValueFactory = _ => RunnerNames.Process,
        };
        runner.AcceptOnlyFromAmong([.. RunnerNames.All]);
        var image = new Option<string?>("--image") { HelpName = "name", Description = "The image the docker and kubernetes runners start (default: the flavor's dockerImage)" };
        var engine = new Option<string?>("--engine") { Description = "docker or podman, for the docker and kubernetes runners (default: the first installed)" };
        engine.AcceptOnlyFromAmong([.. RunPipeline.RunEngines]);
        const string Summary =
            "Run a responder or an analyzer exactly as Cortex's process runner (or its Docker or Kubernetes runner) does, and read its report as Cortex and TheHive do";
        var verb = new Command("run", Summary)
        {
            flavor, input, data, file, config, dataType, tlp, pap, timeout, caCerts, keep, runner, image, engine,
        };
        verb.Validators.Add(result => RunArguments.Check(result, input, data, file, dataType));
        verb.SetAction((parse, token) => RunAsync(
            new RunInvocation(
                parse.GetValue(flavor)!,
                parse.GetValue(input),
                new JobRequest(
                    (parse.GetValue(config) ?? [])
                        .Select(pair => (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]))
                        .ToList(),
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
        var result = await RunPipeline.RunAsync(run, cancellationToken);
        return await RunPrinter.PrintAsync(result, run.Json, run.Output, run.Error);
    }
}
