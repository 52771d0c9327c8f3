using System.Text.RegularExpressions;
using Cortex.Responders.Cli.Catalog;
using Cortex.Responders.Cli.Definitions;
using Cortex.Responders.Cli.Validation;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Cli.Images;

/// <summary>
/// Which images a published responders root makes: one per responder folder, named as <c>catalog
/// --image-prefix</c> names its flavors (the catalog's own naming code), so that catalog and images go together.
/// </summary>
internal static partial class ImagePlan
{
    /// <summary>The images of <paramref name="root"/>; empty with <paramref name="problems"/> (one line each) when the root cannot make them.</summary>
    /// <param name="root">The published responders root.</param>
    /// <param name="prefix">The image name prefix, registry/org.</param>
    /// <param name="tags">The tags of every image (<c>1.0</c>, <c>1</c>, <c>devel</c>); empty for each flavor's version.</param>
    /// <param name="source">The <c>org.opencontainers.image.source</c> label (the repository's URL), or null.</param>
    /// <param name="revision">The <c>org.opencontainers.image.revision</c> label (the commit), or null.</param>
    /// <param name="problems">One line per thing that stops the images.</param>
    public static IReadOnlyList<ResponderImage> Make(string root, string prefix, IReadOnlyList<string> tags, string? source, string? revision, out List<string> problems)
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
                var named = commands.Count == 1 ? "no command" : $"{commands.Count} commands ({string.Join(", ", commands.Select(c => c ?? "none"))})";
                problems.Add($"{folder.Key}: its flavors name {named}: an image has one entry point; give every flavor of the folder the same command");
                continue;
            }

            if (command.Split('/') is not [var first, .. var rest] || first != name || rest.Length == 0 || rest.Any(s => s is "" or "." or ".."))
            {
                problems.Add(
                    $"{folder.Key}: command \"{command}\" is not a file of the folder {name}/: the image holds that folder only; "
                    + $"set \"command\": \"{name}/<executable>\"");
                continue;
            }

            problems.AddRange(FolderCheck.Problems(folder.Key));
            IEnumerable<string?> imageTags = tags.Count == 0 ? [null] : tags.Cast<string?>();
            var names = folder
                .SelectMany(f => imageTags.Select(tag => CatalogBuilder.Image(prefix, f, f.Definition!, tag)))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
            foreach (var bad in names.Where(n => !ImageReference().IsMatch(n)))
            {
                problems.Add(
                    $"{folder.Key}: \"{bad}\" is not a valid image name (lower-case letters, digits, '.', '_', '-'; a tag of up to 128 such characters): "
                    + "rename the folder, or change --image-prefix or --tag");
            }

            images.Add(new ResponderImage(
                folder.Key,
                command,
                names,
                folder.Select(f => (string)f.Definition!["name"]!).Order(StringComparer.Ordinal).ToList(),
                Labels(folder.Select(f => f.Definition!).ToList(), source, revision),
                ImagePlatform.Of(Path.Combine(Path.GetDirectoryName(folder.Key)!, command))));
        }

        if (problems.Count == 0 && images.Count == 0)
        {
            problems.Add($"no responder definition under {root} (a root holds one folder per responder)");
        }

        return problems.Count > 0 ? [] : images;
    }

    /// <summary>The OCI labels of an image from its flavors (version, description, licenses: each distinct value, comma-separated) and the build (source, revision).</summary>
    private static List<KeyValuePair<string, string>> Labels(List<JObject> flavors, string? source, string? revision)
    {
        var labels = new List<KeyValuePair<string, string>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                labels.Add(new($"org.opencontainers.image.{key}", value));
            }
        }

        string Distinct(string field) => string.Join(", ", flavors.Select(f => (string?)f[field]).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        Add("version", Distinct(FlavorKeys.Version));
        Add("description", (string?)flavors.OrderBy(f => (string?)f[FlavorKeys.Name], StringComparer.Ordinal).First()[FlavorKeys.Description]);
        Add("licenses", Distinct(FlavorKeys.License));
        Add("source", source);
        Add("revision", revision);
        return labels;
    }

    /// <summary>[registry[:port]/]path:tag, as Docker's reference grammar has it.</summary>
    // An optional registry host[:port]/, path components, then the tag.
    private const string ImageReferencePattern =
        @"^(?:[a-zA-Z0-9][a-zA-Z0-9.-]*(?::[0-9]+)?/)?"
        + @"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
        + @":[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\z";

    [GeneratedRegex(ImageReferencePattern)]
    private static partial Regex ImageReference();
}
