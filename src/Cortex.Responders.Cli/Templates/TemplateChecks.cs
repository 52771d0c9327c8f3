using Cortex.Responders.Cli.Definitions;
using Cortex.Responders.Cli.Validation;

namespace Cortex.Responders.Cli.Templates;

/// <summary>What `validate` says of the report templates it finds beside analyzer flavors: both panels, and the files TheHive ignores.</summary>
internal static class TemplateChecks
{
    public static IEnumerable<Finding> Beside(IReadOnlyList<FlavorFile> files, WorkerKind kind)
    {
        var analyzers = files.Where(f => f.LooksLikeDefinition && FlavorValidator.KindOf(f.Definition!, kind, f) == WorkerKind.Analyzer).ToList();
        foreach (var template in analyzers.Select(f => TemplateFiles.Of(f.Path)).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            foreach (var finding in TemplatePanels.Check(template, File.ReadAllText(template)))
            {
                yield return finding;
            }
        }

        foreach (var folder in analyzers.GroupBy(f => Path.GetDirectoryName(f.Path)!, StringComparer.Ordinal))
        {
            foreach (var finding in TemplateFiles.IgnoredFindings(folder.Key, folder.Select(f => f.Path)))
            {
                yield return finding;
            }
        }
    }
}
