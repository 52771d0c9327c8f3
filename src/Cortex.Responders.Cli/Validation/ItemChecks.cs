using Cortex.Responders.Cli.Definitions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using static Cortex.Responders.Cli.Validation.FlavorRules;
using static Cortex.Responders.Cli.Validation.FlavorValidator;

namespace Cortex.Responders.Cli.Validation;

/// <summary>The configuration form: each item, its flags and its default, as Cortex reads them.</summary>
internal static class ItemChecks
{
    public static IEnumerable<Finding> Check(FlavorFile file, JObject definition, string path, WorkerKind kind)
    {
        var items = definition[FlavorKeys.ConfigurationItems];
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

            foreach (var field in Flavors.FlavorSchema.ItemRequiredFields)
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

            foreach (var flag in Flavors.FlavorSchema.ItemFlags)
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
                var finding = CheckDefault(
                    file,
                    typeText!.ToLowerInvariant(),
                    item["multi"] is { Type: JTokenType.Boolean } multi && (bool)multi,
                    defaultValue,
                    $"{at}.defaultValue");
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

    /// <summary>What an author meant by a flag written as text or a number: yes, y, on, 1, true (any case) mean true.</summary>
    public static bool IsTrueWord(JToken value) =>
        value.ToString(Formatting.None).Trim('"').Trim().ToLowerInvariant() is "true" or "yes" or "y" or "on" or "1";
}
