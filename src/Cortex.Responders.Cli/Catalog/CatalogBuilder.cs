using Cortex.Responders.Cli.Definitions;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Cli.Catalog;

/// <summary>
/// A catalog as Cortex-Analyzers publishes it (responders.json): an array of the definitions, each with
/// <c>dockerImage</c> set and <c>command</c> removed, since Cortex ignores a catalog entry fetched over http(s)
/// that still has a command.
/// </summary>
internal static class CatalogBuilder
{
    /// <summary>The image of a responder: &lt;prefix&gt;/&lt;folder, lower case&gt;:&lt;tag, else the flavor's version&gt;.</summary>
    public static string Image(string imagePrefix, FlavorFile file, JObject definition, string? tag)
    {
        var folder = Path.GetFileName(Path.GetDirectoryName(file.Path))!.ToLowerInvariant();
        var prefix = imagePrefix.TrimEnd('/');
        return $"{(prefix.Length > 0 ? prefix + "/" : string.Empty)}{folder}:{tag ?? (string?)definition["version"]}";
    }

    public static JArray Build(IEnumerable<FlavorFile> files, string imagePrefix, string? tag)
    {
        var entries = new List<JObject>();
        foreach (var file in files.Where(f => f.LooksLikeDefinition))
        {
            var entry = (JObject)file.Definition!.DeepClone();
            entry.Remove("command");
            entry[FlavorKeys.DockerImage] = Image(imagePrefix, file, file.Definition!, tag);
            entries.Add(entry);
        }

        return new JArray(entries.OrderBy(e => (string?)e["name"], StringComparer.Ordinal).ThenBy(e => (string?)e["version"], StringComparer.Ordinal));
    }
}
