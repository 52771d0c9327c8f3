using Cortex.Responders.Cli.Definitions;
using Newtonsoft.Json.Linq;
using static Cortex.Responders.Cli.Validation.FlavorRules;

namespace Cortex.Responders.Cli.Validation;

/// <summary>
/// The fields Cortex-Analyzers' schema adds (section 4d of the contract): Cortex reads none of them, so each
/// finding is a warning. A name with spaces is <see cref="FlavorRules.NameChars"/>'s.
/// </summary>
internal static class CortexAnalyzersFields
{
    private static readonly string[] Flags = [FlavorKeys.RegistrationRequired, FlavorKeys.SubscriptionRequired, FlavorKeys.FreeSubscription];

    public static IEnumerable<Finding> Check(FlavorFile file, JObject definition, string path, WorkerKind kind)
    {
        if (definition[FlavorKeys.BaseConfig] is null && definition[FlavorKeys.Name] is { Type: JTokenType.String } name)
        {
            yield return BaseConfigMissing.At(file, definition, path, ("name", (string?)name));
        }

        foreach (var flag in Flags)
        {
            if (definition[flag] is { Type: not (JTokenType.Boolean or JTokenType.String) } value)
            {
                yield return ExtraFieldType.At(
                    file,
                    value,
                    $"{path}.{flag}",
                    ("field", flag),
                    ("kind", JsonDescription.Of(value)),
                    ("expected", "true, false or a text such as \"N/A\""));
            }
        }

        if (definition[FlavorKeys.ServiceHomepage] is { Type: not JTokenType.String } homepage)
        {
            yield return ExtraFieldType.At(
                file,
                homepage,
                $"{path}.{FlavorKeys.ServiceHomepage}",
                ("field", FlavorKeys.ServiceHomepage),
                ("kind", JsonDescription.Of(homepage)),
                ("expected", "a URL as a string"));
        }

        if (definition[FlavorKeys.IntegrationType] is { } integration && (string?)(integration as JValue) is not ("local" or "external_api"))
        {
            yield return IntegrationType.At(file, integration, $"{path}.{FlavorKeys.IntegrationType}", ("value", integration.ToString(Newtonsoft.Json.Formatting.None)));
        }

        if (definition[FlavorKeys.ServiceLogo] is { } logo)
        {
            var finding = logo is JObject ? Asset(file, logo, $"{path}.{FlavorKeys.ServiceLogo}", FlavorKeys.ServiceLogo)
                : ExtraFieldType.At(
                    file,
                    logo,
                    $"{path}.{FlavorKeys.ServiceLogo}",
                    ("field", FlavorKeys.ServiceLogo),
                    ("kind", JsonDescription.Of(logo)),
                    ("expected", "an object {\"path\": …, \"caption\": …}"));
            if (finding is not null)
            {
                yield return finding;
            }
        }

        if (definition[FlavorKeys.Screenshots] is { } screenshots)
        {
            if (screenshots is not JArray shots)
            {
                yield return ExtraFieldType.At(
                    file,
                    screenshots,
                    $"{path}.{FlavorKeys.Screenshots}",
                    ("field", FlavorKeys.Screenshots),
                    ("kind", JsonDescription.Of(screenshots)),
                    ("expected", "an array of {\"path\": …, \"caption\": …}"));
                yield break;
            }

            for (var i = 0; i < shots.Count; i++)
            {
                if (Asset(file, shots[i], $"{path}.{FlavorKeys.Screenshots}[{i}]", $"{FlavorKeys.Screenshots}[{i}]") is { } finding)
                {
                    yield return finding;
                }
            }
        }
    }

    /// <summary>A <c>{path, caption}</c> object whose path must name a file of the flavor's folder.</summary>
    private static Finding? Asset(FlavorFile file, JToken asset, string at, string field)
    {
        if (asset is not JObject { } shown || shown["path"] is not { Type: JTokenType.String } relative)
        {
            return ExtraFieldType.At(file, asset, at, ("field", field), ("kind", JsonDescription.Of(asset)), ("expected", "an object with a \"path\" string"));
        }

        if (((string)relative!).Trim().Length == 0)
        {
            return AssetMissing.At(file, relative, $"{at}.path", ("field", field), ("target", "an empty path"));
        }

        var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file.Path)!, (string)relative!));
        return FileTypes.Of(target) == FileType.Regular ? null : AssetMissing.At(file, relative, $"{at}.path", ("field", field), ("target", target));
    }
}
