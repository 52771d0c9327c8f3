using System.Globalization;
using Cortex.Responders.Cli.Definitions;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Cli.Running;

/// <summary>
/// The job's <c>config</c> as Cortex builds it: the flavor's <c>config</c>, deep-merged with every configuration
/// item (the organisation's value, else the item's default, checked as Cortex checks them) and Cortex's own settings.
/// </summary>
internal static class ConfigBuilder
{
    /// <summary>Cortex's own settings, which every organisation configuration has, with their defaults.</summary>
    private static readonly Dictionary<string, JToken> Settings = new(StringComparer.Ordinal)
    {
        // Cortex's web form turns the checks on by default; its API leaves them null (off).
        ["check_tlp"] = true,
        ["max_tlp"] = 2,
        ["check_pap"] = true,
        ["max_pap"] = 2,
        ["jobTimeout"] = 30,
        ["proxy_http"] = JValue.CreateNull(),
        ["proxy_https"] = JValue.CreateNull(),
        ["cacerts"] = JValue.CreateNull(),
    };

    /// <summary>Builds the config, or returns the reasons Cortex would refuse it.</summary>
    /// <param name="definition">The flavor.</param>
    /// <param name="given">Values already set (a whole job input's config), overridden by <paramref name="overrides"/>.</param>
    /// <param name="overrides">The --config key=value pairs, in order (a multi item collects its repeats).</param>
    /// <param name="refusals">What Cortex would refuse.</param>
    public static JObject Build(JObject definition, JObject? given, IReadOnlyList<(string Key, string Value)> overrides, out List<string> refusals)
    {
        refusals = [];
        var items = (definition[FlavorKeys.ConfigurationItems] as JArray)?.OfType<JObject>()
                .Where(i => i["name"]?.Type == JTokenType.String)
                .ToDictionary(i => (string)i["name"]!, StringComparer.Ordinal)
            ?? new Dictionary<string, JObject>(StringComparer.Ordinal);
        var values = new JObject();
        foreach (var property in given?.Properties() ?? [])
        {
            values[property.Name] = property.Value.DeepClone();
        }

        foreach (var group in overrides.GroupBy(o => o.Key))
        {
            var item = items.GetValueOrDefault(group.Key);
            if (item is null && !Settings.ContainsKey(group.Key))
            {
                var has = items.Count == 0 ? "none" : string.Join(", ", items.Keys);
                refusals.Add($"--config {group.Key}: the flavor has no configuration item \"{group.Key}\" (it has {has}); "
                    + $"Cortex keeps only those and its own settings ({string.Join(", ", Settings.Keys)})");
                continue;
            }

            var type = item is null ? SettingType(group.Key) : ItemType(item);
            var multi = item?["multi"]?.Type == JTokenType.Boolean && (bool)item["multi"]!;
            var parsed = new List<JToken>();
            foreach (var (_, raw) in group)
            {
                if (multi && raw.TrimStart().StartsWith('['))
                {
                    try
                    {
                        if (CortexJson.Parse(raw) is JArray array)
                        {
                            parsed.AddRange(array);
                            continue;
                        }
                    }
                    catch (CortexJsonException)
                    {
                        // Said below.
                    }

                    refusals.Add($"--config {group.Key}={raw}: not a JSON array");
                    continue;
                }

                if (Parse(type, raw) is { } value)
                {
                    parsed.Add(value);
                }
                else
                {
                    refusals.Add($"--config {group.Key}={raw}: \"{group.Key}\" is a {type}");
                }
            }

            values[group.Key] = multi ? new JArray(parsed) : parsed.LastOrDefault() ?? JValue.CreateNull();
        }

        var organisation = new JObject();
        foreach (var (name, item) in items)
        {
            var value = values[name] ?? item["defaultValue"];
            var type = ItemType(item);
            var multi = item["multi"]?.Type == JTokenType.Boolean && (bool)item["multi"]!;
            var required = item["required"]?.Type == JTokenType.Boolean && (bool)item["required"]!;
            if (value is null || value.Type == JTokenType.Null)
            {
                // Cortex gives a multi item without value an empty array, required or not.
                if (required && !multi)
                {
                    refusals.Add($"\"{name}\" is required and has no default: give --config {name}=…");
                }

                organisation[name] = multi ? new JArray() : JValue.CreateNull();
                continue;
            }

            if (multi)
            {
                if (value is not JArray array)
                {
                    refusals.Add($"\"{name}\" is multi: its value must be an array (repeat --config {name}=…), not {value.ToString(Newtonsoft.Json.Formatting.None)}");
                    continue;
                }

                foreach (var element in array.Where(e => !Fits(type, e, required)))
                {
                    refusals.Add($"\"{name}\" takes {type} values, not {element.ToString(Newtonsoft.Json.Formatting.None)}");
                }

                organisation[name] = array.DeepClone();
            }
            else if (!Fits(type, value, required))
            {
                refusals.Add($"\"{name}\" is a {type}, not {value.ToString(Newtonsoft.Json.Formatting.None)}{(value is JArray ? " (the item is not multi)" : string.Empty)}");
            }
            else
            {
                organisation[name] = value.DeepClone();
            }
        }

        foreach (var (key, fallback) in Settings)
        {
            organisation[key] = values[key]?.DeepClone() ?? fallback.DeepClone();
        }

        var config = definition["config"] is JObject flavorConfig ? (JObject)flavorConfig.DeepClone() : new JObject();
        config.Merge(organisation, new JsonMergeSettings { MergeArrayHandling = MergeArrayHandling.Replace, MergeNullValueHandling = MergeNullValueHandling.Merge });
        foreach (var scheme in new[] { "http", "https" })
        {
            if (organisation[$"proxy_{scheme}"] is { Type: JTokenType.String } proxy)
            {
                config.Merge(new JObject { ["proxy"] = new JObject { [scheme] = proxy.DeepClone() } });
            }
        }

        return config;
    }

    /// <summary>The item's type in lower case: Cortex reads "String" as "string".</summary>
    private static string ItemType(JObject item) => ((string?)item["type"] ?? "string").ToLowerInvariant();

    private static string SettingType(string key) => key switch
    {
        "check_tlp" or "check_pap" => "boolean",
        "max_tlp" or "max_pap" or "jobTimeout" => "number",
        _ => "string",
    };

    private static JToken? Parse(string type, string raw) => type switch
    {
        "number" when long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) => whole,
        "number" when double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) => real,
        "number" => null,
        "boolean" when raw is "true" or "false" => raw == "true",
        "boolean" => null,
        _ => raw,
    };

    private static bool Fits(string type, JToken value, bool required) => value.Type switch
    {
        JTokenType.Null => !required,
        JTokenType.String => type is "string" or "text",
        JTokenType.Integer or JTokenType.Float => type == "number",
        JTokenType.Boolean => type == "boolean",
        _ => false,
    } || !ConfigurationItemTypes.IsKnown(type);
}
