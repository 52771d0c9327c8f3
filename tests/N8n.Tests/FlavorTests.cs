using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Workers.Responders.N8n.Tests;

/// <summary>The flavor keeps the original's form: the facts of Cortex-Analyzers' n8n.json (Facts/original-flavors.json) against ours.</summary>
[TestFixture]
public sealed class FlavorTests
{
    private static readonly JObject Facts = JObject.Parse(File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Facts", "original-flavors.json")));

    private static IEnumerable<TestCaseData> Originals() =>
        Facts["flavors"]!.Children<JObject>().Select(f => new TestCaseData(f).SetArgDisplayNames((string)f["file"]!));

    [Test]
    public void EveryOriginalFlavorHasOneOfOursAndNoMore() =>
        Directory.GetFiles(Folder, "*.json").Select(Path.GetFileName).Should().BeEquivalentTo(Facts["flavors"]!.Select(f => (string)f["file"]!));

    [TestCaseSource(nameof(Originals))]
    public void TheFlavorMatchesTheOriginal(JObject original)
    {
        var ours = JObject.Parse(File.ReadAllText(Path.Combine(Folder, (string)original["file"]!)));
        ((string?)ours["name"]).Should().Be((string?)original["name"]);
        ((string?)ours["version"]).Should().Be((string?)original["version"]);
        ((string?)ours["baseConfig"]).Should().Be((string?)original["baseConfig"]);
        ours["dataTypeList"]!.Values<string>().Should().Equal(original["dataTypeList"]!.Values<string>());
        ((string?)ours["command"]).Should().Be("N8n/N8n");
        ((string?)ours["license"]).Should().Be("MIT");
        var items = ours["configurationItems"]!.Children<JObject>()
            .Select(i => new JObject(i.Properties().Where(p => p.Name is "name" or "type" or "multi" or "required" or "defaultValue")))
            .ToList();
        new JArray(items).ShouldBeJson(original["configurationItems"]!);
    }

    private static string Folder => Path.Combine(Repository.Root, "responders", "N8n");
}
