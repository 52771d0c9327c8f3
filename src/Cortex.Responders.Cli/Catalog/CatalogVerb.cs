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
        var prefix = new Option<string>("--image-prefix", "--prefix")
        {
            HelpName = "registry/org",
            Description = "Image name prefix, registry/org (as image's --image-prefix)",
            DefaultValueFactory = _ => "cortex-responders",
        };
        var tags = new Option<string[]>("--tag")
        {
            HelpName = "tag",
            Description = "Image tag (default: each flavor's version); given several times, one catalog per tag, <output>-<tag>.json, as Cortex-Analyzers publishes them",
        };
        var verb = new Command("catalog", "Write a catalog (responders.json) as Cortex-Analyzers publishes it: dockerImage set, command removed") { root, outFile, prefix, tags };
        verb.SetAction(parse => Write(
            parse.GetValue(root)!,
            parse.GetValue(outFile),
            parse.GetValue(prefix)!,
            parse.GetValue(tags) ?? [],
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return verb;
    }

    /// <summary>Where the catalog of <paramref name="tag"/> goes when there are several: <c>responders.json</c> → <c>responders-devel.json</c>.</summary>
    public static string PerTag(string outFile, string tag) =>
        Path.Combine(
            Path.GetDirectoryName(outFile) ?? string.Empty,
            $"{Path.GetFileNameWithoutExtension(outFile)}-{tag}{(Path.HasExtension(outFile) ? Path.GetExtension(outFile) : ".json")}");

    private static int Write(string root, string? outFile, string prefix, string[] tags, TextWriter output, TextWriter error)
    {
        if (tags.Length > 1 && outFile is null)
        {
            error.WriteLine($"cortex-responder catalog: {tags.Length} --tag values make {tags.Length} catalogs: give --output <file> (each goes to <file>-<tag>.json)");
            return ExitCodes.Usage;
        }

        if (tags.FirstOrDefault(t => t.Length == 0 || t.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.' or '-'))) is { } badTag)
        {
            error.WriteLine($"cortex-responder catalog: --tag {Newtonsoft.Json.JsonConvert.ToString(badTag)} is not an image tag: use letters, digits, '_', '.' and '-'");
            return ExitCodes.Usage;
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
            return ExitCodes.Failed;
        }

        if (outFile is null)
        {
            output.WriteLine(CatalogBuilder.Build(files, prefix, tags.FirstOrDefault()).ToString(Formatting.Indented));
            return ExitCodes.Ok;
        }

        foreach (var tag in tags.Length == 0 ? [null] : tags.Cast<string?>())
        {
            var file = tags.Length > 1 ? PerTag(outFile, tag!) : outFile;
            try
            {
                File.WriteAllText(file, CatalogBuilder.Build(files, prefix, tag).ToString(Formatting.Indented) + "\n");
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"cortex-responder catalog: cannot write {file}: {exception.Message}");
                return ExitCodes.Failed;
            }

            output.WriteLine($"{file}: {files.Count(f => f.LooksLikeDefinition)} definition(s){(tag is null ? string.Empty : $", tag {tag}")}");
        }

        return ExitCodes.Ok;
    }
}
