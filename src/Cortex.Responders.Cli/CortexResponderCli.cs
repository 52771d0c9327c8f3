using System.CommandLine;
using Cortex.Responders.Cli.Catalog;
using Cortex.Responders.Cli.Images;
using Cortex.Responders.Cli.Running;
using Cortex.Responders.Cli.Templates;
using Cortex.Responders.Cli.Validation;

namespace Cortex.Responders.Cli;

/// <summary>
/// cortex-responder: validate flavor files (responders' and analyzers') as Cortex reads them, run a worker as Cortex's process runner
/// (or its Docker or Kubernetes runner) does, build catalogs and container images. Exit codes
/// (<see cref="ExitCodes"/>): 0 ok, 1 the check or the job failed, 2 bad usage.
/// </summary>
internal static class CortexResponderCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON document for machines instead of text", Recursive = true };

        // One line per verb: each declares its arguments, their checks and its action in its own folder.
        var command = new RootCommand(
            "cortex-responder: check and run TheHive/Cortex responders and analyzers as Cortex does. "
            + "Exit codes: 0 ok, 1 the check or the job failed, 2 bad usage.")
        {
            ValidateVerb.Create(json),
            RunVerb.Create(json),
            CatalogVerb.Create(),
            ImageVerb.Create(json),
            ReportTemplatesVerb.Create(),
            json,
        };

        var parsed = command.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // Usage errors go to standard error whatever the verb, never mixed with a report on standard output.
            var verb = parsed.CommandResult.Command == command ? "cortex-responder" : $"cortex-responder {parsed.CommandResult.Command.Name}";
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync($"{verb}: {parseError.Message}");
            }

            await error.WriteLineAsync($"Run {verb} --help for usage.");
            return ExitCodes.Usage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }
}
