using System.Text.RegularExpressions;
using Cortex.Responders.Cli.Catalog;
using Cortex.Responders.Cli.Definitions;
using Cortex.Responders.Cli.Validation;

namespace Cortex.Responders.Cli.Images;

/// <summary>
/// Which images a published responders root makes: one per responder folder, named as <c>catalog
/// --image-prefix</c> names its flavors (the catalog's own naming code), so that catalog and images go together.
/// </summary>
internal static partial class ImagePlan
{
    /// <summary>The images of <paramref name="root"/>; empty with <paramref name="problems"/> (one line each) when the root cannot make them.</summary>
    public static IReadOnlyList<ResponderImage> Make(string root, string prefix, string? tag, out List<string> problems)
    {
        var files = FlavorDiscovery.Find([root], out problems, out _);
        if (problems.Count > 0)
        {
            return [];
        }

        // Every rule counts, the command's too: its file is what the image holds.
        problems.AddRange(FlavorValidator.Validate(files).Where(f => f.Severity == Severity.Error).Select(f => f.ToString()));
        var images = new List<ResponderImage>();
        foreach (var folder in files.Where(f => f.LooksLikeDefinition).GroupBy(f => Path.GetDirectoryName(f.Path)!).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder.Key);
            var commands = folder.Select(f => (string?)f.Definition!["command"]).Distinct(StringComparer.Ordinal).ToList();
            if (commands.Count != 1 || commands[0] is not { } command)
            {
                problems.Add($"{folder.Key}: its flavors name {(commands.Count == 1 ? "no command" : $"{commands.Count} commands ({string.Join(", ", commands.Select(c => c ?? "none"))})")}: an image has one entry point; give every flavor of the folder the same command");
                continue;
            }

            if (command.Split('/') is not [var first, .. var rest] || first != name || rest.Length == 0 || rest.Any(s => s is "" or "." or ".."))
            {
                problems.Add($"{folder.Key}: command \"{command}\" is not a file of the folder {name}/: the image holds that folder only; set \"command\": \"{name}/<executable>\"");
                continue;
            }

            var names = folder.Select(f => CatalogBuilder.Image(prefix, f, f.Definition!, tag)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            foreach (var bad in names.Where(n => !ImageReference().IsMatch(n)))
            {
                problems.Add($"{folder.Key}: \"{bad}\" is not a valid image name (lower-case letters, digits, '.', '_', '-'; a tag of up to 128 such characters): rename the folder, or change --prefix or --tag");
            }

            images.Add(new ResponderImage(folder.Key, command, names, folder.Select(f => (string)f.Definition!["name"]!).Order(StringComparer.Ordinal).ToList()));
        }

        if (problems.Count == 0 && images.Count == 0)
        {
            problems.Add($"no responder definition under {root} (a root holds one folder per responder)");
        }

        return problems.Count > 0 ? [] : images;
    }

    /// <summary>[registry[:port]/]path:tag, as Docker's reference grammar has it.</summary>
    [GeneratedRegex(@"^(?:[a-zA-Z0-9][a-zA-Z0-9.-]*(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex ImageReference();
}
