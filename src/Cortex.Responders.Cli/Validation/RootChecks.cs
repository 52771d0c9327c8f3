using Cortex.Responders.Cli.Definitions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using static Cortex.Responders.Cli.Validation.FlavorRules;
using static Cortex.Responders.Cli.Validation.FlavorValidator;

namespace Cortex.Responders.Cli.Validation;

/// <summary>What only shows across the flavors of a root: duplicate worker ids, flavors of one baseConfig that disagree.</summary>
internal static class RootChecks
{
    public static IEnumerable<Finding> DuplicateIds(List<(FlavorFile File, JObject Definition, string Path)> definitions)
    {
        var named = definitions.Where(d => d.Definition["name"]?.Type == JTokenType.String && d.Definition["version"]?.Type == JTokenType.String);
        foreach (var group in named.GroupBy(d => WorkerId(d.Definition)).Where(g => g.Count() > 1))
        {
            var first = group.First();
            foreach (var other in group.Skip(1))
            {
                yield return DuplicateId.At(other.File, other.Definition, other.Path, ("id", group.Key), ("other", first.File.Path));
            }
        }
    }

    public static IEnumerable<Finding> BaseConfigConflicts(List<(FlavorFile File, JObject Definition, string Path)> definitions)
    {
        var seen = new Dictionary<(string BaseConfig, string Item), (string Type, bool Multi, FlavorFile File)>();
        foreach (var (file, definition, path) in definitions)
        {
            var baseConfig = Present(definition[FlavorKeys.BaseConfig])?.Type == JTokenType.String ? (string)definition[FlavorKeys.BaseConfig]! : (string?)definition["name"];
            if (baseConfig is null || definition[FlavorKeys.ConfigurationItems] is not JArray items)
            {
                continue;
            }

            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is not JObject item || item["name"]?.Type != JTokenType.String || item["type"]?.Type != JTokenType.String)
                {
                    continue;
                }

                var key = (baseConfig, (string)item["name"]!);
                var shape = (((string)item["type"]!).ToLowerInvariant(), item["multi"]?.Type == JTokenType.Boolean && (bool)item["multi"]!, file);
                if (seen.TryGetValue(key, out var earlier) && (earlier.Type != shape.Item1 || earlier.Multi != shape.Item2))
                {
                    yield return BaseConfigConflict.At(
                        file,
                        item,
                        $"{path}.configurationItems[{i}]",
                        ("item", key.Item2),
                        ("shape", Shape(shape.Item1, shape.Item2)),
                        ("otherShape", Shape(earlier.Type, earlier.Multi)),
                        ("other", earlier.File.Path),
                        ("baseConfig", baseConfig));
                }
                else
                {
                    seen.TryAdd(key, shape);
                }
            }
        }

        static string Shape(string type, bool multi) => multi ? $"a multi {type}" : $"a {type}";
    }
}
