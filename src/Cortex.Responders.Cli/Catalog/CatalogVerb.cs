using System.CommandLine;
using Cortex.Responders.Cli.Definitions;
using Cortex.Responders.Cli.Validation;
using Newtonsoft.Json;

namespace Cortex.Responders.Cli.Catalog;

/// <summary>`cortex-responder catalog`: the responders.json (or analyzers.json) Cortex fetches from a URL, as Cortex-Analyzers publishes it.</summary>
internal static class CatalogVerb
{
    public static Command Create()
    {
        var root = new Argument<string>("root") { Description = "The responders root, or an analyzers root (the same catalog form)" }.ExistingFolder();
        var outFile = new Option<string?>("--output", "-o") { Description = "Write the catalog there (default: standard output)" };
        var prefix = new Option<string>("--image-prefix") { Description = "Image name prefix", DefaultValueFactory = _ => "cortex-responders" };
        var tag = new Option<string?>("--tag") { Description = "Image tag (default: each flavor's version)" };
        var verb = new Command("catalog", "Write a catalog (responders.json) as Cortex-Analyzers publishes it: dockerImage set, command removed") { root, outFile, prefix, tag };
        verb.SetAction(parse => Write(parse.GetValue(root)!, parse.GetValue(outFile), parse.GetValue(prefix)!, parse.GetValue(tag), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return verb;
    }

    private static int Write(string root, string? outFile, string prefix, string? tag, TextWriter output, TextWriter error)
    {
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
            return ExitCodes.Failed;
        }

        var catalog = CatalogBuilder.Build(files, prefix, tag).ToString(Formatting.Indented);
        if (outFile is null)
        {
            output.WriteLine(catalog);
            return ExitCodes.Ok;
        }

        try
        {
            File.WriteAllText(outFile, catalog + "\n");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"cortex-responder catalog: cannot write {outFile}: {exception.Message}");
            return ExitCodes.Failed;
        }

        output.WriteLine($"{outFile}: {files.Count(f => f.LooksLikeDefinition)} definition(s)");
        return ExitCodes.Ok;
    }
}
