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
    /// <summary>
    /// The checks of one definition, run in this order on each: a row per part of the flavor. A new check is a new
    /// row (its messages go in <see cref="FlavorRules"/>), never a new branch here.
    /// </summary>
    private static readonly FlavorCheck[] DefinitionChecks =
    [
        new("fields", FieldChecks.Required),
        new("name", FieldChecks.Name),
        new("what-runs", CommandChecks.Check),
        new("data-types", DataTypeChecks.Check),
        new("config", FieldChecks.Config),
        new("items", ItemChecks.Check),
        new("cortex-analyzers-schema", CortexAnalyzersFields.Check),
    ];

    /// <summary>The checks across the flavors read together, run after every definition's.</summary>
    private static readonly Func<List<(FlavorFile File, JObject Definition, string Path)>, IEnumerable<Finding>>[] AcrossChecks =
    [
        RootChecks.DuplicateIds,
        RootChecks.BaseConfigConflicts,
    ];

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
            foreach (var check in DefinitionChecks)
            {
                findings.AddRange(check.Run(file, definition, path, kind));
            }
        }

        foreach (var check in AcrossChecks)
        {
            findings.AddRange(check(definitions));
        }

        return findings;
    }

    /// <summary>Cortex's worker id: name_version with dots as underscores.</summary>
    public static string WorkerId(JObject definition) => Responders.WorkerId.Of((string?)definition[FlavorKeys.Name], (string?)definition[FlavorKeys.Version]);

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

        var types = (definition[FlavorKeys.DataTypeList] as JArray)?.Where(t => t.Type == JTokenType.String).Select(t => (string)t!).ToList() ?? [];
        return types.Any(ObservableTypes.IsObservableType) && !types.Any(IsTheHiveKind) ? WorkerKind.Analyzer : WorkerKind.Responder;
    }

    /// <summary>What the root's own name says: a <c>responders</c> root holds responders, an <c>analyzers</c> root analyzers; null for any other name.</summary>
    public static WorkerKind? RootKind(FlavorFile file) => Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(file.Root))).ToLowerInvariant() switch
    {
        "responders" => WorkerKind.Responder,
        "analyzers" => WorkerKind.Analyzer,
        _ => null,
    };

    public static bool IsTheHiveKind(string dataType) => dataType.StartsWith("thehive:", StringComparison.Ordinal);

    /// <summary>A value Cortex reads as absent: missing or null.</summary>
    public static JToken? Present(JToken? token) => token is null || token.Type == JTokenType.Null ? null : token;
}
