using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Cli.Running;

/// <summary>
/// What Cortex and TheHive lose from a successful analyzer report (<c>extractReport</c> in Cortex's JobRunnerSrv):
/// a <c>summary</c> that is not an object is stored empty, and its taxonomies are what TheHive shows as the
/// observable's tags (<c>{level, namespace, predicate, value}</c>, level info, safe, suspicious or malicious);
/// <c>artifacts</c> must be an array of objects with a <c>dataType</c> and a <c>data</c> string or, for a file,
/// <c>file</c> naming a file directly inside <c>output/</c> and <c>filename</c>; Cortex skips the rest.
/// </summary>
internal static class AnalyzerReportCheck
{
    /// <summary>One line per problem of <paramref name="report"/>, whose files are in <paramref name="outputFolder"/>.</summary>
    public static IEnumerable<string> Check(JObject report, string outputFolder) =>
        CheckSummary(report[ReportKeys.Summary]).Concat(CheckArtifacts(report[ReportKeys.Artifacts], outputFolder));

    private static IEnumerable<string> CheckSummary(JToken? summary)
    {
        if (summary is null || summary.Type == JTokenType.Null)
        {
            yield break;
        }

        if (summary is not JObject fields)
        {
            yield return $"\"summary\" is {JsonDescription.Of(summary)}, not an object: Cortex stores an empty summary and TheHive shows no taxonomy";
            yield break;
        }

        switch (fields[ReportKeys.Taxonomies])
        {
            case null:
                yield break;
            case JArray taxonomies:
                for (var i = 0; i < taxonomies.Count; i++)
                {
                    foreach (var problem in CheckTaxonomy(taxonomies[i]))
                    {
                        yield return $"summary.taxonomies[{i}]: {problem}";
                    }
                }

                break;
            default:
                yield return "\"summary.taxonomies\" is not an array: TheHive shows no taxonomy";
                break;
        }
    }

    private static IEnumerable<string> CheckTaxonomy(JToken taxonomy)
    {
        if (taxonomy is not JObject fields)
        {
            yield return $"a taxonomy must be an object {{level, namespace, predicate, value}}, not {JsonDescription.Of(taxonomy)}";
            yield break;
        }

        if (fields[TaxonomyKeys.Level] is not { Type: JTokenType.String } level || !TaxonomyLevels.IsKnown((string?)level))
        {
            var shown = fields[TaxonomyKeys.Level] is { } given ? given.ToString(Newtonsoft.Json.Formatting.None) : "missing";
            yield return $"\"{TaxonomyKeys.Level}\" must be one of {string.Join(", ", TaxonomyLevels.All)}, not {shown}: TheHive cannot colour the tag";
        }

        foreach (var name in new[] { TaxonomyKeys.Namespace, TaxonomyKeys.Predicate })
        {
            if (fields[name] is not { Type: JTokenType.String })
            {
                yield return $"\"{name}\" must be a string: TheHive cannot show the tag";
            }
        }

        if (fields[TaxonomyKeys.Value] is not { Type: JTokenType.String or JTokenType.Integer or JTokenType.Float or JTokenType.Boolean })
        {
            yield return $"\"value\" must be a string or a number, not {(fields[TaxonomyKeys.Value] is { } value ? JsonDescription.Of(value) : "missing")}";
        }
    }

    private static IEnumerable<string> CheckArtifacts(JToken? artifacts, string outputFolder)
    {
        if (artifacts is null || artifacts.Type == JTokenType.Null)
        {
            yield break;
        }

        if (artifacts is not JArray list)
        {
            yield return $"\"artifacts\" is {JsonDescription.Of(artifacts)}, not an array: Cortex silently keeps none";
            yield break;
        }

        for (var i = 0; i < list.Count; i++)
        {
            foreach (var problem in CheckArtifact(list[i], outputFolder))
            {
                yield return $"artifacts[{i}]: {problem}";
            }
        }
    }

    private static IEnumerable<string> CheckArtifact(JToken artifact, string outputFolder)
    {
        if (artifact is not JObject fields)
        {
            yield return $"an artifact must be an object, not {JsonDescription.Of(artifact)}: Cortex silently keeps none of the artifacts";
            yield break;
        }

        if (fields[ArtifactKeys.DataType] is not { Type: JTokenType.String } dataType)
        {
            yield return "no \"dataType\" string: Cortex silently skips the artifact";
            yield break;
        }

        if ((string)dataType! != ObservableTypes.File)
        {
            if (fields[ArtifactKeys.Data] is not { Type: JTokenType.String })
            {
                var data = fields[ArtifactKeys.Data] is { } given ? JsonDescription.Of(given) : "missing";
                yield return $"a {dataType} artifact needs \"data\" as a string, not {data}: Cortex cannot create it";
            }

            yield break;
        }

        if (fields[ArtifactKeys.Filename] is not { Type: JTokenType.String })
        {
            yield return "a file artifact needs \"filename\" (the name TheHive shows): Cortex silently skips it";
        }

        if (fields[ArtifactKeys.File] is not { Type: JTokenType.String } file)
        {
            yield return "a file artifact needs \"file\", the name of a file in output/: Cortex silently skips it";
            yield break;
        }

        var name = (string)file!;
        if (name.Length == 0 || name is "." or ".." || name.IndexOfAny(['/', '\\']) >= 0)
        {
            yield return $"\"file\" is \"{name}\": Cortex only takes a file directly inside output/, named without a folder, and silently skips it";
        }
        else if (!File.Exists(Path.Combine(outputFolder, name)))
        {
            yield return $"\"file\" names output/{name}, which does not exist: Cortex silently skips the artifact";
        }
    }
}
