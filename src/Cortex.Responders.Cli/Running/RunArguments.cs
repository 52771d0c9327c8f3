using System.CommandLine;
using System.CommandLine.Parsing;

namespace Cortex.Responders.Cli.Running;

/// <summary>
/// The shape of `run`'s job arguments, checked with every other usage error: exactly one of <c>--input</c> (a job
/// input or a TheHive object, as for a responder), <c>--data</c> (an analyzer's observable value, with an observable
/// <c>--data-type</c>) and <c>--file</c> (an analyzer's file job).
/// </summary>
internal static class RunArguments
{
    public static void Check(CommandResult result, Option<string> input, Option<string?> data, Option<string> file, Option<string?> dataType)
    {
        var given = new Option[] { input, data, file }.Where(o => result.GetResult(o) is not null).ToList();
        if (given.Count != 1)
        {
            result.AddError(given.Count == 0
                ? "give the job: --input <job input or TheHive object>, or for an analyzer --data <value> with --data-type, or --file <path>"
                : $"give only one of {string.Join(", ", given.Select(o => o.Name))}: each one is the whole job's data");
            return;
        }

        // The token, not the value: an invalid --data-type has no value, and is reported by its own check.
        var type = result.GetResult(dataType)?.Tokens is [var first, ..] ? first.Value : null;
        if (given[0] == data)
        {
            if (type is null || DataTypes.IsTheHiveObject(type) || type == ObservableTypes.File)
            {
                var types = string.Join(", ", ObservableTypes.All.Where(t => t != ObservableTypes.File));
                result.AddError($"--data needs --data-type, an observable type other than file ({types}){(type is null ? string.Empty : $", not {type}")}; "
                    + "a TheHive object goes in a file given with --input, a file with --file");
            }
        }
        else if (given[0] == file && type is not null && type != ObservableTypes.File)
        {
            result.AddError($"--file makes a job of data type file, not {type}");
        }
    }
}
