using Cortex.Responders.Cli.Definitions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using static Cortex.Responders.Cli.Validation.FlavorRules;
using static Cortex.Responders.Cli.Validation.FlavorValidator;

namespace Cortex.Responders.Cli.Validation;

/// <summary>The definition's own fields: the strings Cortex requires, the name (the worker id), config and baseConfig.</summary>
internal static class FieldChecks
{
    public static IEnumerable<Finding> Required(FlavorFile file, JObject definition, string path, WorkerKind kind)
    {
        foreach (var field in Flavors.FlavorSchema.RequiredFields)
        {
            var value = definition[field];
            if (value is null)
            {
                yield return MissingField.At(file, definition, path, ("field", field));
            }
            else if (value.Type != JTokenType.String)
            {
                yield return FieldType.At(
                    file,
                    value,
                    $"{path}.{field}",
                    ("field", field),
                    ("kind", JsonDescription.Of(value)),
                    ("value", value.ToString(Formatting.None).Trim('"')));
            }
        }
    }

    public static IEnumerable<Finding> Name(FlavorFile file, JObject definition, string path, WorkerKind kind)
    {
        if (definition[FlavorKeys.Name] is { Type: JTokenType.String } nameToken && (string)nameToken! is var name)
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
    }

    public static IEnumerable<Finding> Config(FlavorFile file, JObject definition, string path, WorkerKind kind)
    {
        if (definition[FlavorKeys.Config] is { } config && config.Type != JTokenType.Object)
        {
            yield return ConfigType.At(file, config, $"{path}.config", ("kind", JsonDescription.Of(config)));
        }

        if (Present(definition[FlavorKeys.BaseConfig]) is { } baseConfig && baseConfig.Type != JTokenType.String)
        {
            yield return BaseConfigType.At(file, baseConfig, $"{path}.baseConfig", ("kind", JsonDescription.Of(baseConfig)));
        }
    }
}
