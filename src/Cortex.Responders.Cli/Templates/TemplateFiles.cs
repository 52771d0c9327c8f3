using Cortex.Responders.Cli.Validation;

namespace Cortex.Responders.Cli.Templates;

/// <summary>
/// Where an analyzer's report templates sit: beside its flavors, <c>long.html</c> for every flavor of the folder, or
/// <c>&lt;flavor file name&gt;.long.html</c> (<c>Scan.long.html</c> beside <c>Scan.json</c>) for one flavor of several.
/// </summary>
internal static class TemplateFiles
{
    public const string Long = "long.html";

    public const string Short = "short.html";

    /// <summary>The template of the flavor file <paramref name="flavor"/>, or null when it has none.</summary>
    public static string? Of(string flavor)
    {
        var own = OwnOf(flavor);
        if (File.Exists(own))
        {
            return own;
        }

        var shared = Path.Combine(Path.GetDirectoryName(flavor)!, Long);
        return File.Exists(shared) ? shared : null;
    }

    /// <summary>The template that only the flavor file <paramref name="flavor"/> would use.</summary>
    public static string OwnOf(string flavor) =>
        Path.Combine(Path.GetDirectoryName(flavor)!, $"{Path.GetFileNameWithoutExtension(flavor)}.{Long}");

    /// <summary>The *.html files of <paramref name="folder"/> that are no template of its flavors <paramref name="flavors"/>: TheHive would never see them.</summary>
    public static IEnumerable<string> Ignored(string folder, IEnumerable<string> flavors)
    {
        var used = flavors.Select(OwnOf).Append(Path.Combine(folder, Long)).ToHashSet(StringComparer.Ordinal);
        return Directory.EnumerateFiles(folder, "*.html").Where(f => !used.Contains(f)).Order(StringComparer.Ordinal);
    }

    /// <summary>A warning for each of <see cref="Ignored"/>: short.html's says that the short view is the taxonomies.</summary>
    public static IEnumerable<Finding> IgnoredFindings(string folder, IEnumerable<string> flavors) =>
        Ignored(folder, flavors).Select(file =>
            (Path.GetFileName(file) == Short ? TemplateRules.ShortIgnored : TemplateRules.OtherIgnored).At(file, 0, "$", ("file", Path.GetFileName(file))));
}
