using System.IO.Compression;
using Cortex.Responders.Cli.Definitions;
using Cortex.Responders.Cli.Validation;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Cli.Templates;

/// <summary>
/// Packs the report templates of an analyzers root as TheHive 4 and 5 import them: a zip of one folder per worker id
/// (<see cref="WorkerId"/>: <c>EmlParser_2_1</c>) holding <c>long.html</c>.
/// </summary>
internal static class TemplatePacker
{
    /// <summary>What the flavors found under <paramref name="roots"/> give, checked against <paramref name="sample"/>'s content when there is one.</summary>
    public static TemplatePack Plan(IEnumerable<string> roots, string? sample)
    {
        var findings = new List<Finding>();
        var entries = new List<(string WorkerId, string Template)>();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var flavors = FlavorDiscovery.Find(roots, out _, out _).Where(f => f.LooksLikeDefinition).ToList();
        foreach (var flavor in flavors)
        {
            var definition = flavor.Definition!;
            if (definition[FlavorKeys.Name] is not JValue { Type: JTokenType.String } name || definition[FlavorKeys.Version] is not JValue { Type: JTokenType.String } version)
            {
                findings.Add(TemplateRules.NoId.At(flavor.Path, 0, "$"));
                continue;
            }

            var id = WorkerId.Of((string?)name, (string?)version);
            if (owners.TryGetValue(id, out var other))
            {
                findings.Add(TemplateRules.DuplicateId.At(flavor.Path, 0, "$", ("name", $"{name} ({flavor.Path})"), ("other", other), ("id", id)));
                continue;
            }

            owners[id] = $"{name} ({flavor.Path})";
            if (TemplateFiles.Of(flavor.Path) is { } template)
            {
                entries.Add((id, template));
            }
            else
            {
                findings.Add(TemplateRules.Missing.At(flavor.Path, 0, "$", ("name", (string?)name), ("id", id),
                    ("expected", $"{TemplateFiles.Long} or {Path.GetFileName(TemplateFiles.OwnOf(flavor.Path))} beside it")));
            }
        }

        findings.AddRange(flavors.GroupBy(f => Path.GetDirectoryName(f.Path)!, StringComparer.Ordinal)
            .SelectMany(folder => TemplateFiles.IgnoredFindings(folder.Key, folder.Select(f => f.Path))));

        if (sample is not null)
        {
            findings.AddRange(SampleFindings(entries.Select(e => e.Template).Distinct(StringComparer.Ordinal), sample));
        }

        return new TemplatePack(entries.OrderBy(e => e.WorkerId, StringComparer.Ordinal).ToList(), findings);
    }

    /// <summary>Writes the zip of <paramref name="pack"/> to <paramref name="file"/>, through a temporary file beside it.</summary>
    public static void Write(TemplatePack pack, string file)
    {
        var full = Path.GetFullPath(file);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = File.Create(temporary))
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
            {
                foreach (var (id, template) in pack.Entries)
                {
                    zip.CreateEntryFromFile(template, $"{id}/{TemplateFiles.Long}", CompressionLevel.Optimal);
                }
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static IEnumerable<Finding> SampleFindings(IEnumerable<string> templates, string sample)
    {
        JToken content;
        try
        {
            var report = JToken.Parse(File.ReadAllText(sample));
            // An output.json: the template reads its full report as content. Anything else is taken as the full report itself.
            content = report is JObject output && output.ContainsKey(ReportKeys.Success) ? output[ReportKeys.Full] ?? new JObject() : report;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Newtonsoft.Json.JsonException)
        {
            return [TemplateRules.BadSample.At(sample, 0, "$", ("reason", e.Message))];
        }

        return templates.SelectMany(template => TemplateReads.Lacking(File.ReadAllText(template), content)
            .Select(path => TemplateRules.SampleLacks.At(template, 0, "$", ("path", path), ("sample", sample))));
    }
}
