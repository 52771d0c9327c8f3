using Cortex.Responders.Cli.Definitions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using static Cortex.Responders.Cli.Validation.FlavorRules;

namespace Cortex.Responders.Cli.Validation;

/// <summary>
/// Applies <see cref="FlavorRules"/> to flavor files, as Cortex reads them: each file, each definition, then
/// what only shows across a root (duplicate worker ids, flavors of one baseConfig that disagree).
/// </summary>
internal static class FlavorValidator
{
    private static readonly string[] RequiredStrings = ["name", "version", "description", "author", "url", "license"];

    /// <param name="files">The flavor files.</param>
    /// <param name="kind">What the flavors are: read from analyzer.urls or responder.urls, or told by their data types.</param>
    public static List<Finding> Validate(IReadOnlyList<FlavorFile> files, WorkerKind kind = WorkerKind.Auto)
    {
        var findings = new List<Finding>();
        var definitions = new List<(FlavorFile File, JObject Definition, string Path)>();
        foreach (var file in files)
        {
            if (file.Unreadable is { } reason)
            {
                findings.Add(Unreadable.At(file.Path, 0, "$", ("reason", reason)));
                continue;
            }

            if (file.Json is null)
            {
                findings.Add(JsonSyntax.At(file.Path, file.SyntaxLine, "$", ("reason", file.SyntaxError)));
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
                        findings.Add(NotDefinition.At(file, array[i], $"$[{i}]"));
                    }
                }

                continue;
            }

            if (!file.LooksLikeDefinition)
            {
                findings.Add(StrayJson.At(file.Path, 0, "$"));
                continue;
            }

            definitions.Add((file, file.Definition!, "$"));
        }

        foreach (var (file, definition, path) in definitions)
        {
            findings.AddRange(ValidateDefinition(file, definition, path, kind));
        }

        findings.AddRange(DuplicateIds(definitions));
        findings.AddRange(BaseConfigConflicts(definitions));
        return findings;
    }

    /// <summary>Cortex's worker id: name_version with dots as underscores.</summary>
    public static string WorkerId(JObject definition) => $"{definition["name"]}_{definition["version"]}".Replace('.', '_');

    /// <summary>
    /// What <paramref name="definition"/> is: <paramref name="requested"/>, or with <see cref="WorkerKind.Auto"/> an
    /// analyzer when its data types hold observable types and no <c>thehive:*</c> type, else a responder.
    /// </summary>
    public static WorkerKind KindOf(JObject definition, WorkerKind requested = WorkerKind.Auto, FlavorFile? file = null)
    {
        if (requested != WorkerKind.Auto)
        {
            return requested;
        }

        if (file is not null && RootKind(file) is { } fromRoot)
        {
            return fromRoot;
        }

        var types = (definition["dataTypeList"] as JArray)?.Where(t => t.Type == JTokenType.String).Select(t => (string)t!).ToList() ?? [];
        return types.Any(ObservableTypes.IsObservableType) && !types.Any(IsTheHiveKind) ? WorkerKind.Analyzer : WorkerKind.Responder;
    }

    /// <summary>What the root's own name says: a <c>responders</c> root holds responders, an <c>analyzers</c> root analyzers; null for any other name.</summary>
    public static WorkerKind? RootKind(FlavorFile file) => Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(file.Root))).ToLowerInvariant() switch
    {
        "responders" => WorkerKind.Responder,
        "analyzers" => WorkerKind.Analyzer,
        _ => null,
    };

    private static bool IsTheHiveKind(string dataType) => dataType.StartsWith("thehive:", StringComparison.Ordinal);

    private static IEnumerable<Finding> ValidateDefinition(FlavorFile file, JObject definition, string path, WorkerKind kind)
    {
        foreach (var field in RequiredStrings)
        {
            var value = definition[field];
            if (value is null)
            {
                yield return MissingField.At(file, definition, path, ("field", field));
            }
            else if (value.Type != JTokenType.String)
            {
                yield return FieldType.At(file, value, $"{path}.{field}", ("field", field), ("kind", JsonDescription.Of(value)), ("value", value.ToString(Formatting.None).Trim('"')));
            }
        }

        if (definition["name"] is { Type: JTokenType.String } nameToken && (string)nameToken! is var name)
        {
            if (name.Length == 0)
            {
                yield return NameEmpty.At(file, nameToken, $"{path}.name");
            }
            else if (name.Any(char.IsControl))
            {
                yield return NameControl.At(file, nameToken, $"{path}.name", ("name", name));
            }
            else if (name.Any(char.IsWhiteSpace) || name.Contains('/') || name.Contains('\\'))
            {
                yield return NameChars.At(file, nameToken, $"{path}.name", ("name", name));
            }
        }

        foreach (var finding in ValidateWhatRuns(file, definition, path).Concat(ValidateDataTypes(file, definition, path, kind)))
        {
            yield return finding;
        }

        if (definition["config"] is { } config && config.Type != JTokenType.Object)
        {
            yield return ConfigType.At(file, config, $"{path}.config", ("kind", JsonDescription.Of(config)));
        }

        if (Present(definition["baseConfig"]) is { } baseConfig && baseConfig.Type != JTokenType.String)
        {
            yield return BaseConfigType.At(file, baseConfig, $"{path}.baseConfig", ("kind", JsonDescription.Of(baseConfig)));
        }

        foreach (var finding in ValidateItems(file, definition, path).Concat(CortexAnalyzersFields.Check(file, definition, path)))
        {
            yield return finding;
        }
    }

    private static IEnumerable<Finding> ValidateWhatRuns(FlavorFile file, JObject definition, string path)
    {
        // Cortex reads both as optional strings: null is the same as absent.
        var command = Present(definition["command"]);
        var image = Present(definition["dockerImage"]);
        if (command is null && image is null)
        {
            yield return NoCommand.At(file, definition, path);
            yield break;
        }

        if (image is not null && image.Type != JTokenType.String)
        {
            yield return DockerImageType.At(file, image, $"{path}.dockerImage", ("kind", JsonDescription.Of(image)));
        }

        if (command is null)
        {
            yield break;
        }

        if (command.Type != JTokenType.String)
        {
            yield return CommandType.At(file, command, $"{path}.command", ("kind", JsonDescription.Of(command)));
            yield break;
        }

        var text = (string)command!;
        var root = Path.GetFullPath(file.Root);
        var target = Path.GetFullPath(Path.Combine(root, text));
        var at = $"{path}.command";
        if (!target.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            yield return CommandOutside.At(file, command, at, ("command", text), ("target", target), ("root", root));
        }
        else if (!File.Exists(target))
        {
            yield return CommandMissing.At(file, command, at, ("command", text), ("target", target), ("root", root), ("folder", Path.GetFileName(Path.GetDirectoryName(file.Path))));
        }
        else if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(target) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) == 0)
        {
            yield return CommandNotExecutable.At(file, command, at, ("target", target));
        }
    }

    private static IEnumerable<Finding> ValidateDataTypes(FlavorFile file, JObject definition, string path, WorkerKind requested)
    {
        var list = definition["dataTypeList"];
        var at = $"{path}.dataTypeList";
        if (list is null)
        {
            yield return DataTypesMissing.At(file, definition, path);
            yield break;
        }

        if (list is not JArray array || array.Any(t => t.Type != JTokenType.String))
        {
            yield return DataTypesNotStrings.At(file, list, at, ("kind", JsonDescription.Of(list)));
            yield break;
        }

        if (array.Count == 0)
        {
            yield return DataTypesEmpty.At(file, list, at);
        }

        var kind = KindOf(definition, requested, file);
        var why = requested != WorkerKind.Auto ? $"--kind {requested.ToString().ToLowerInvariant()}"
            : RootKind(file) is { } fromRoot ? $"it is under a {fromRoot.ToString().ToLowerInvariant()}s/ root"
            : kind == WorkerKind.Analyzer ? "its other data types are observable types" : "its data types hold thehive:* types";
        var mixed = requested == WorkerKind.Auto && RootKind(file) is null && array.Any(t => IsTheHiveKind((string)t!)) && array.Any(t => ObservableTypes.IsObservableType((string)t!));
        for (var i = 0; i < array.Count; i++)
        {
            var dataType = (string)array[i]!;
            var rule = kind == WorkerKind.Analyzer
                ? (ObservableTypes.IsObservableType(dataType) ? null : IsTheHiveKind(dataType) ? AnalyzerOnTheHiveObject : AnalyzerDataTypeUnknown)
                : (DataTypes.IsTheHiveObject(dataType) ? null : IsTheHiveKind(dataType) ? DataTypeMisspelled : !ObservableTypes.IsObservableType(dataType) ? DataTypeNotTheHive : mixed ? DataTypeMixed : ResponderOnObservableType);
            if (rule is not null)
            {
                yield return rule.At(file, array[i], $"{at}[{i}]", ("dataType", dataType), ("why", why));
            }
        }

        foreach (var duplicate in array.Select(t => (string)t!).GroupBy(t => t).Where(g => g.Count() > 1))
        {
            yield return DataTypeDuplicate.At(file, list, at, ("dataType", duplicate.Key), ("count", duplicate.Count()));
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
            yield return ItemsType.At(file, items, $"{path}.configurationItems", ("kind", JsonDescription.Of(items)));
            yield break;
        }

        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            var at = $"{path}.configurationItems[{i}]";
            if (array[i] is not JObject item)
            {
                yield return ItemNotObject.At(file, array[i], at, ("kind", JsonDescription.Of(array[i])));
                continue;
            }

            foreach (var field in new[] { "name", "description" })
            {
                if (item[field] is null)
                {
                    yield return ItemFieldMissing.At(file, item, $"{at}.{field}", ("field", field));
                }
                else if (item[field] is { Type: not JTokenType.String } value)
                {
                    yield return ItemFieldType.At(file, value, $"{at}.{field}", ("field", field), ("kind", JsonDescription.Of(value)));
                }
            }

            var type = item["type"];
            var typeText = type is { Type: JTokenType.String } ? (string)type! : null;
            if (type is null)
            {
                yield return ItemTypeMissing.At(file, item, $"{at}.type");
            }
            else if (!ConfigurationItemTypes.IsKnown(typeText) && ConfigurationItemTypes.IsKnown(typeText, ignoreCase: true))
            {
                yield return ItemTypeCase.At(file, type, $"{at}.type", ("type", typeText), ("lower", typeText!.ToLowerInvariant()));
            }
            else if (!ConfigurationItemTypes.IsKnown(typeText))
            {
                yield return ItemTypeUnknown.At(file, type, $"{at}.type", ("type", type.ToString(Formatting.None)));
            }

            foreach (var flag in new[] { "multi", "required" })
            {
                if (Present(item[flag]) is { } value && value.Type != JTokenType.Boolean)
                {
                    yield return ItemFlagType.At(file, value, $"{at}.{flag}", ("flag", flag), ("kind", JsonDescription.Of(value)), ("value", IsTrueWord(value) ? "true" : "false"));
                }
            }

            if (item["name"] is { Type: JTokenType.String } nameToken)
            {
                var name = (string)nameToken!;
                if (names.TryGetValue(name, out var first))
                {
                    yield return ItemDuplicate.At(file, nameToken, $"{at}.name", ("name", name), ("first", first));
                }
                else
                {
                    names[name] = i;
                }
            }

            var multiKnown = Present(item["multi"]) is null or { Type: JTokenType.Boolean };
            if (item["defaultValue"] is { Type: not JTokenType.Null } defaultValue && multiKnown && ConfigurationItemTypes.IsKnown(typeText, ignoreCase: true))
            {
                var finding = CheckDefault(file, typeText!.ToLowerInvariant(), item["multi"] is { Type: JTokenType.Boolean } multi && (bool)multi, defaultValue, $"{at}.defaultValue");
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
                return DefaultNotArray.At(file, value, path, ("kind", JsonDescription.Of(value)), ("value", value.ToString(Formatting.None)));
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
            return DefaultArrayForSingle.At(file, value, path);
        }

        // A number or boolean written as text: Cortex's API refuses it, its web form converts it when the admin saves.
        var convertible = value.Type == JTokenType.String && type switch
        {
            "number" => double.TryParse((string)value!, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _),
            "boolean" => (string)value! is "true" or "false",
            _ => false,
        };
        var bare = value.ToString(Formatting.None).Trim('"');
        var textual = type is "string" or "text";
        return (convertible ? DefaultAsText : DefaultWrongType).At(
            file,
            value,
            path,
            ("type", type),
            ("value", value.ToString(Formatting.None)),
            ("expected", textual ? "string" : type),
            ("suggestion", textual ? JsonConvert.ToString(bare) : bare));
    }

    private static IEnumerable<Finding> DuplicateIds(List<(FlavorFile File, JObject Definition, string Path)> definitions)
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

    /// <summary>What an author meant by a flag written as text or a number: yes, y, on, 1, true (any case) mean true.</summary>
    private static bool IsTrueWord(JToken value) =>
        value.ToString(Formatting.None).Trim('"').Trim().ToLowerInvariant() is "true" or "yes" or "y" or "on" or "1";

    private static JToken? Present(JToken? token) => token is null || token.Type == JTokenType.Null ? null : token;
}
