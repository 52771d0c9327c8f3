using Cortex.Responders.Cli.Definitions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Cli.Validation;

/// <summary>
/// The rules Cortex applies when it reads responder definitions (errors: it drops the file, silently empties a
/// field or its whole configuration form, cannot run the command), and rules it should have (warnings unless
/// Cortex or TheHive would fail on it later).
/// </summary>
internal static class FlavorValidator
{
    public static readonly string[] ItemTypes = ["string", "text", "number", "boolean"];

    public static readonly string[] TheHiveDataTypes = ["thehive:case", "thehive:alert", "thehive:case_artifact", "thehive:case_task", "thehive:case_task_log"];

    private static readonly string[] RequiredStrings = ["name", "version", "description", "author", "url", "license"];

    public static List<Finding> Validate(IReadOnlyList<FlavorFile> files)
    {
        var findings = new List<Finding>();
        var definitions = new List<(FlavorFile File, JObject Definition, string Path)>();
        foreach (var file in files)
        {
            if (file.Json is null)
            {
                findings.Add(new Finding(Severity.Error, "json-syntax", file.Path, "$", file.SyntaxLine, $"not valid JSON: {file.SyntaxError}; Cortex logs \"has invalid format\" and skips the file", "fix the JSON syntax at that line"));
                continue;
            }

            if (file.Json is JArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JObject entry)
                    {
                        definitions.Add((file, entry, $"$[{i}]"));
                    }
                    else
                    {
                        findings.Add(At(Severity.Error, "not-definition", file, array[i], $"$[{i}]", "an entry of a definition array must be an object", "make each entry a responder definition object"));
                    }
                }

                continue;
            }

            if (!file.LooksLikeDefinition)
            {
                findings.Add(new Finding(Severity.Warning, "stray-json", file.Path, "$", 0, "a JSON file that is not a responder definition; Cortex reads every *.json of a responder folder, logs it as invalid and skips it", "move it out of the responder folder (data, settings, *.deps.json, *.runtimeconfig.json do not belong there)"));
                continue;
            }

            definitions.Add((file, file.Definition!, "$"));
        }

        foreach (var (file, definition, path) in definitions)
        {
            findings.AddRange(ValidateDefinition(file, definition, path));
        }

        findings.AddRange(DuplicateIds(definitions));
        findings.AddRange(BaseConfigConflicts(definitions));
        return findings;
    }

    /// <summary>Cortex's worker id: name_version with dots as underscores.</summary>
    public static string WorkerId(JObject definition) => $"{definition["name"]}_{definition["version"]}".Replace('.', '_');

    private static IEnumerable<Finding> ValidateDefinition(FlavorFile file, JObject definition, string path)
    {
        foreach (var field in RequiredStrings)
        {
            var value = definition[field];
            if (value is null)
            {
                yield return At(Severity.Error, "missing-field", file, definition, path, $"\"{field}\" is missing; Cortex cannot read the definition and skips the file", $"add \"{field}\": \"…\"");
            }
            else if (value.Type != JTokenType.String)
            {
                yield return At(Severity.Error, "field-type", file, value, $"{path}.{field}", $"\"{field}\" is {Kind(value)}, but Cortex reads it as a string and skips the whole file", $"write it as a string: \"{field}\": \"{value.ToString(Formatting.None).Trim('"')}\"");
            }
        }

        if (definition["name"] is { Type: JTokenType.String } nameToken && (string)nameToken! is var name)
        {
            if (name.Length == 0 || name.Any(char.IsWhiteSpace) || name.Contains('/') || name.Contains('\\'))
            {
                yield return At(name.Length == 0 ? Severity.Error : Severity.Warning, "name-chars", file, nameToken, $"{path}.name", $"the name \"{name}\" is empty or has spaces or slashes; Cortex accepts it, but it becomes the worker id in Cortex's and TheHive's URLs and API calls", "use letters, digits, '_', '-' and '.' only (e.g. My_Responder)");
            }
        }

        foreach (var finding in ValidateKind(file, definition, path))
        {
            yield return finding;
        }

        foreach (var finding in ValidateDataTypes(file, definition, path))
        {
            yield return finding;
        }

        if (definition["config"] is { } config && config.Type != JTokenType.Object)
        {
            yield return At(Severity.Error, "config-type", file, config, $"{path}.config", $"\"config\" is {Kind(config)}; Cortex silently reads it as {{}}", "make it an object, e.g. \"config\": {\"service\": \"…\"}");
        }

        if (Present(definition["baseConfig"]) is { } baseConfig && baseConfig.Type != JTokenType.String)
        {
            yield return At(Severity.Error, "field-type", file, baseConfig, $"{path}.baseConfig", $"\"baseConfig\" is {Kind(baseConfig)}, but Cortex reads it as a string and skips the whole file", "write it as a string, or remove it (it defaults to the name)");
        }

        foreach (var finding in ValidateItems(file, definition, path))
        {
            yield return finding;
        }
    }

    private static IEnumerable<Finding> ValidateKind(FlavorFile file, JObject definition, string path)
    {
        // Cortex reads both as optional strings: null is the same as absent.
        var command = Present(definition["command"]);
        var image = Present(definition["dockerImage"]);
        if (command is null && image is null)
        {
            yield return At(Severity.Error, "no-command", file, definition, path, "neither \"command\" nor \"dockerImage\": Cortex has nothing to run", "add \"command\": \"<Folder>/<executable>\" (relative to the responders root)");
            yield break;
        }

        if (image is not null && image.Type != JTokenType.String)
        {
            yield return At(Severity.Error, "field-type", file, image, $"{path}.dockerImage", $"\"dockerImage\" is {Kind(image)}; Cortex reads it as a string and skips the whole file", "write the image name as a string");
        }

        if (command is null)
        {
            yield break;
        }

        if (command.Type != JTokenType.String)
        {
            yield return At(Severity.Error, "field-type", file, command, $"{path}.command", $"\"command\" is {Kind(command)}; Cortex reads it as a string and skips the whole file", "write it as a string: \"<Folder>/<executable>\"");
            yield break;
        }

        var text = (string)command!;
        var root = Path.GetFullPath(file.Root);
        var target = Path.GetFullPath(Path.Combine(root, text));
        if (!target.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            yield return At(Severity.Error, "command-outside", file, command, $"{path}.command", $"\"{text}\" resolves to {target}, outside the responders root {root}; Cortex drops such a command", "make it relative to the root: \"<Folder>/<executable>\"");
        }
        else if (!File.Exists(target))
        {
            yield return At(Severity.Error, "command-missing", file, command, $"{path}.command", $"\"{text}\" resolves to {target}, which does not exist; Cortex resolves it against the root {root}", $"publish the executable there, or fix the path (it is \"<Folder>/<executable>\", with <Folder> = {Path.GetFileName(Path.GetDirectoryName(file.Path))})");
        }
        else if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(target) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) == 0)
        {
            yield return At(Severity.Error, "command-not-executable", file, command, $"{path}.command", $"{target} has no run bit; Cortex's process runner fails with \"Permission denied\"", $"chmod +x {target}");
        }
    }

    private static IEnumerable<Finding> ValidateDataTypes(FlavorFile file, JObject definition, string path)
    {
        var list = definition["dataTypeList"];
        if (list is null)
        {
            yield return At(Severity.Error, "data-types", file, definition, path, "no \"dataTypeList\": Cortex reads it as empty and TheHive never offers the responder", "add \"dataTypeList\": [\"thehive:case\"] (the TheHive objects it acts on)");
            yield break;
        }

        if (list is not JArray array || array.Any(t => t.Type != JTokenType.String))
        {
            yield return At(Severity.Error, "data-types", file, list, $"{path}.dataTypeList", $"\"dataTypeList\" is {Kind(list)}, not an array of strings; Cortex silently reads it as empty and TheHive never offers the responder", "write an array of strings: [\"thehive:case\", \"thehive:alert\"]");
            yield break;
        }

        if (array.Count == 0)
        {
            yield return At(Severity.Error, "data-types", file, list, $"{path}.dataTypeList", "\"dataTypeList\" is empty: TheHive never offers the responder", "list the TheHive objects it acts on, e.g. [\"thehive:case\"]");
        }

        for (var i = 0; i < array.Count; i++)
        {
            var dataType = (string)array[i]!;
            if (!TheHiveDataTypes.Contains(dataType, StringComparer.Ordinal))
            {
                yield return At(Severity.Warning, "data-type-kind", file, array[i], $"{path}.dataTypeList[{i}]", $"\"{dataType}\" is not a TheHive object type; TheHive only runs responders on {string.Join(", ", TheHiveDataTypes)}", dataType.StartsWith("thehive:", StringComparison.Ordinal) ? "check the spelling" : "analyzers take observable types; a responder takes TheHive objects (thehive:case_artifact for an observable)");
            }
        }

        foreach (var duplicate in array.Select(t => (string)t!).GroupBy(t => t).Where(g => g.Count() > 1))
        {
            yield return At(Severity.Warning, "data-type-duplicate", file, list, $"{path}.dataTypeList", $"\"{duplicate.Key}\" is listed {duplicate.Count()} times", "list it once");
        }
    }

    private static IEnumerable<Finding> ValidateItems(FlavorFile file, JObject definition, string path)
    {
        var items = definition["configurationItems"];
        if (items is null)
        {
            yield break;
        }

        if (items is not JArray array)
        {
            yield return At(Severity.Error, "items-type", file, items, $"{path}.configurationItems", $"\"configurationItems\" is {Kind(items)}; Cortex silently reads it as empty: no configuration form", "make it an array of items");
            yield break;
        }

        const string dropped = "; Cortex then drops the whole configurationItems list (no configuration form at all)";
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            var at = $"{path}.configurationItems[{i}]";
            if (array[i] is not JObject item)
            {
                yield return At(Severity.Error, "item-field", file, array[i], at, $"an item is {Kind(array[i])}, not an object{dropped}", "make it {\"name\": …, \"description\": …, \"type\": …}");
                continue;
            }

            foreach (var field in new[] { "name", "description" })
            {
                if (item[field] is not { Type: JTokenType.String })
                {
                    yield return At(Severity.Error, "item-field", file, item[field] ?? item, $"{at}.{field}", $"\"{field}\" is {(item[field] is null ? "missing" : Kind(item[field]!))}{dropped}", $"add \"{field}\" as a string");
                }
            }

            var type = item["type"];
            if (type is { Type: JTokenType.String } && !ItemTypes.Contains((string)type!, StringComparer.Ordinal) && ItemTypes.Contains((string)type!, StringComparer.OrdinalIgnoreCase))
            {
                yield return At(Severity.Warning, "item-type", file, type, $"{at}.type", $"type \"{type}\" is accepted by Cortex (it retries in lower case), but every other tool expects lower case", $"write \"{((string)type!).ToLowerInvariant()}\"");
            }
            else if (type is not { Type: JTokenType.String } || !ItemTypes.Contains((string)type!, StringComparer.Ordinal))
            {
                yield return At(Severity.Error, "item-type", file, type ?? item, $"{at}.type", $"type {(type is null ? "is missing" : type.ToString(Formatting.None))} is not one of {string.Join(", ", ItemTypes)}{dropped}", type is { Type: JTokenType.String } && (string)type! is "integer" or "int" or "float" ? "use \"number\"" : "use string, text, number or boolean");
            }

            foreach (var flag in new[] { "multi", "required" })
            {
                if (Present(item[flag]) is { } value && value.Type != JTokenType.Boolean)
                {
                    yield return At(Severity.Error, "item-field", file, value, $"{at}.{flag}", $"\"{flag}\" is {Kind(value)}, not true/false{dropped}", $"write \"{flag}\": {(value.ToString() is "true" or "True" or "1" ? "true" : "false")}");
                }
            }

            if (item["name"] is { Type: JTokenType.String } nameToken)
            {
                var name = (string)nameToken!;
                if (names.TryGetValue(name, out var first))
                {
                    yield return At(Severity.Error, "item-duplicate", file, nameToken, $"{at}.name", $"\"{name}\" is already item {first}: the form shows two fields for one setting and the last one wins", "remove or rename one of them");
                }
                else
                {
                    names[name] = i;
                }
            }

            var multiKnown = Present(item["multi"]) is null or { Type: JTokenType.Boolean };
            if (item["defaultValue"] is { Type: not JTokenType.Null } defaultValue && multiKnown && type is { Type: JTokenType.String } && ItemTypes.Contains((string)type!, StringComparer.OrdinalIgnoreCase))
            {
                var finding = CheckDefault(file, ((string)type!).ToLowerInvariant(), item["multi"] is { Type: JTokenType.Boolean } multi && (bool)multi, defaultValue, $"{at}.defaultValue");
                if (finding is not null)
                {
                    yield return finding;
                }
            }
        }
    }

    private static Finding? CheckDefault(FlavorFile file, string type, bool multi, JToken value, string path)
    {
        if (multi)
        {
            if (value is not JArray values)
            {
                return At(Severity.Error, "default-type", file, value, path, $"the item is multi, so its default must be an array; Cortex refuses {Kind(value)} when an organisation enables the responder without setting it", $"write [{value.ToString(Formatting.None)}] (or [] for none)");
            }

            return values.Select((v, i) => CheckDefault(file, type, false, v, $"{path}[{i}]")).FirstOrDefault(f => f is not null);
        }

        var fits = type switch
        {
            "string" or "text" => value.Type == JTokenType.String,
            "number" => value.Type is JTokenType.Integer or JTokenType.Float,
            _ => value.Type == JTokenType.Boolean,
        };
        if (fits)
        {
            return null;
        }

        if (value is JArray)
        {
            return At(Severity.Error, "default-type", file, value, path, "the item is not multi, but its default is an array; Cortex refuses it when an organisation enables the responder without setting it", "set \"multi\": true, or give one value");
        }

        // A number or boolean written as text: Cortex's API refuses it, its web form converts it when the admin saves.
        var convertible = value.Type == JTokenType.String && type switch
        {
            "number" => double.TryParse((string)value!, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _),
            "boolean" => (string)value! is "true" or "false",
            _ => false,
        };
        var fix = type is "string" or "text" ? $"write it as a string: {JsonConvert.ToString(value.ToString(Formatting.None).Trim('"'))}" : $"write it as a {type}: {value.ToString(Formatting.None).Trim('"')}";
        return convertible
            ? At(Severity.Warning, "default-type", file, value, path, $"a {type} default written as text ({value.ToString(Formatting.None)}); Cortex's web form converts it, but Cortex refuses it when the responder is enabled through the API", fix)
            : At(Severity.Error, "default-type", file, value, path, $"the default {value.ToString(Formatting.None)} is not a {type}; Cortex refuses it when an organisation enables the responder without setting it", fix);
    }

    private static IEnumerable<Finding> DuplicateIds(List<(FlavorFile File, JObject Definition, string Path)> definitions)
    {
        var named = definitions.Where(d => d.Definition["name"]?.Type == JTokenType.String && d.Definition["version"]?.Type == JTokenType.String);
        foreach (var group in named.GroupBy(d => WorkerId(d.Definition)).Where(g => g.Count() > 1))
        {
            var first = group.First();
            foreach (var other in group.Skip(1))
            {
                yield return At(Severity.Error, "duplicate-id", other.File, other.Definition, other.Path, $"worker id {group.Key} is also defined by {first.File.Path}; Cortex keeps only one of them, silently", "change the name or the version of one of them");
            }
        }
    }

    private static IEnumerable<Finding> BaseConfigConflicts(List<(FlavorFile File, JObject Definition, string Path)> definitions)
    {
        var seen = new Dictionary<(string BaseConfig, string Item), (string Type, bool Multi, FlavorFile File)>();
        foreach (var (file, definition, path) in definitions)
        {
            var baseConfig = Present(definition["baseConfig"])?.Type == JTokenType.String ? (string)definition["baseConfig"]! : (string?)definition["name"];
            if (baseConfig is null || definition["configurationItems"] is not JArray items)
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
                    yield return At(Severity.Error, "base-config-conflict", file, item, $"{path}.configurationItems[{i}]", $"item \"{key.Item2}\" is {Shape(shape.Item1, shape.Item2)} here but {Shape(earlier.Type, earlier.Multi)} in {earlier.File.Path}; both share baseConfig \"{baseConfig}\", whose one stored value cannot fit both", "give the item the same type and multi in every flavor of the baseConfig, or rename it");
                }
                else
                {
                    seen.TryAdd(key, shape);
                }
            }
        }

        static string Shape(string type, bool multi) => multi ? $"a multi {type}" : $"a {type}";
    }

    private static JToken? Present(JToken? token) => token is null || token.Type == JTokenType.Null ? null : token;

    private static Finding At(Severity severity, string rule, FlavorFile file, JToken token, string path, string message, string fix) =>
        new(severity, rule, file.Path, path, token is IJsonLineInfo info && info.HasLineInfo() ? info.LineNumber : 0, message, fix);

    private static string Kind(JToken token) => token.Type switch
    {
        JTokenType.String => $"the string {token.ToString(Formatting.None)}",
        JTokenType.Integer or JTokenType.Float => $"the number {token}",
        JTokenType.Boolean => $"the boolean {token.ToString(Formatting.None)}",
        JTokenType.Array => "an array",
        JTokenType.Object => "an object",
        JTokenType.Null => "null",
        _ => token.Type.ToString().ToLowerInvariant(),
    };
}
