using System.Reflection;
using System.Text.RegularExpressions;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using NUnit.Framework;

namespace Cortex.Responders.Contract.Tests;

/// <summary>
/// The report's keys and the flavor's fields are written in the contract only (<see cref="ReportKeys"/>,
/// <see cref="TaxonomyKeys"/>, <see cref="FlavorKeys"/>): every product file elsewhere, and every worker, reads and
/// writes them through it, so that the next worker cannot spell them again. Tests, messages and comments aside.
/// </summary>
[TestFixture]
public sealed class ContractHomeTests
{
    /// <summary>
    /// Files whose own documents happen to share a key with the report, each with the reason: they are not the report.
    /// </summary>
    private static readonly Dictionary<string, string> OwnDocuments = new(StringComparer.Ordinal)
    {
        ["src/Cortex.Responders.Cli/Running/RunResult.cs"] = "the CLI's own --json verdict, which has a success field of its own",
        ["responders/Jupyter/Notebooks/NotebookResult.cs"] = "the count of operations inside the Jupyter responder's full report, as the original names it",
        ["responders/Jupyter/Jobs/NotebookResult.cs"] = "the count of operations inside the Jupyter responder's full report, as the original names it",
    };

    private static readonly string[] ProductFolders = ["src", "responders", "analyzers", "templates/content"];

    [Test]
    public void ReportKeysAndFlavorFieldsAreWrittenOnlyInTheContract()
    {
        var keys = Constants(typeof(ReportKeys)).Concat(Constants(typeof(TaxonomyKeys)))
            .Concat(Constants(typeof(FlavorKeys)).Where(k => k is FlavorKeys.DataTypeList or FlavorKeys.ConfigurationItems or FlavorKeys.BaseConfig or FlavorKeys.DockerImage))
            .Where(k => k is not (ReportKeys.Input or TaxonomyKeys.Value or TaxonomyKeys.Level))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        keys.Should().Contain([ReportKeys.Success, ReportKeys.Full, ReportKeys.Operations, ReportKeys.Summary, ReportKeys.Taxonomies, FlavorKeys.DataTypeList]);

        // A key used as one: an indexer, a lookup, a property or a JSON literal; not the same word in a message.
        var alternatives = string.Join('|', keys.Select(Regex.Escape));
        var used = new Regex($"""(\[\s*"({alternatives})"\s*\]|(ContainsKey|TryGetValue|Property|SelectToken|Remove|Value<[^>]+>)\(\s*"({alternatives})"|"({alternatives})"\s*:)""");

        var found = new List<string>();
        foreach (var file in ProductFolders.SelectMany(SourceFiles))
        {
            var relative = Path.GetRelativePath(Repository.Root, file).Replace('\\', '/');
            if (relative.StartsWith("src/Cortex.Responders.Contract/", StringComparison.Ordinal) || OwnDocuments.ContainsKey(relative) || IsTest(relative))
            {
                continue;
            }

            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].TrimStart();
                if (line.StartsWith("//", StringComparison.Ordinal) || !used.IsMatch(line))
                {
                    continue;
                }

                found.Add($"{relative}:{i + 1}: {line}");
            }
        }

        found.Should().BeEmpty("the report's keys live in ReportKeys and TaxonomyKeys, the flavor's fields in FlavorKeys: write JobReport.ForResponder/ForAnalyzer/SummaryOf, or the constant");
    }

    [Test]
    public void TheScanSeesAKeyWrittenByHand()
    {
        // The check above must be able to fail: the same pattern on a line that writes the report by hand.
        var line = """var report = new JObject { ["success"] = true, ["full"] = full };""";
        var used = new Regex("""\[\s*"(success|full)"\s*\]""");
        used.IsMatch(line).Should().BeTrue();
        SourceFiles("src").Should().Contain(f => f.EndsWith("JobReport.cs", StringComparison.Ordinal));
    }

    private static IEnumerable<string> SourceFiles(string folder)
    {
        var root = Path.Combine(Repository.Root, folder);
        return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
    }

    /// <summary>The templates' generated tests are tests: they may spell what they check.</summary>
    private static bool IsTest(string relative) => relative.Split('/').Any(part => part.EndsWith(".Tests", StringComparison.Ordinal));

    private static IEnumerable<string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);
}
