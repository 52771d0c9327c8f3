using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Cli.Tests;

/// <summary>`cortex-responder catalog`: the form Cortex-Analyzers publishes (dockerImage set, command removed).</summary>
[TestFixture]
public sealed class CatalogTests
{
    [Test]
    public async Task CatalogListsEveryDefinitionWithItsImageAndNoCommand()
    {
        using var root = new ResponderRoot();
        root.WriteFlavor(ResponderRoot.Flavor());
        root.WriteFlavor(ResponderRoot.Flavor("Acme_Block"), "Acme/Acme_Block.json");
        var output = Path.Combine(root.Path, "responders.json");

        var (code, printed, error) = await Cli.RunAsync("catalog", root.Path, "-o", output, "--image-prefix", "registry.example.org/soc", "--tag", "2026.11");

        code.Should().Be(0, error);
        printed.Should().Contain("2 definition(s)");
        var catalog = JArray.Parse(File.ReadAllText(output));
        catalog.Select(e => (string?)e["name"]).Should().Equal("Acme_Block", "Acme_Notify");
        foreach (var entry in catalog.Children<JObject>())
        {
            entry.ContainsKey("command").Should().BeFalse();
            ((string?)entry["dockerImage"]).Should().Be("registry.example.org/soc/acme:2026.11");
            entry["configurationItems"]!.Should().HaveCount(5);
        }
    }

    [Test]
    public async Task EveryTagGetsItsOwnCatalogAndPrefixIsImagesSpelling()
    {
        using var root = new ResponderRoot();
        using var target = new Cortex.Responders.TestSupport.TemporaryDirectory();
        root.WriteFlavor(ResponderRoot.Flavor());
        var output = Path.Combine(target.Path, "responders.json");

        var (code, printed, error) = await Cli.RunAsync("catalog", root.Path, "-o", output, "--prefix", "soc", "--tag", "1.0", "--tag", "1", "--tag", "devel");

        code.Should().Be(0, error);
        foreach (var tag in new[] { "1.0", "1", "devel" })
        {
            var file = Path.Combine(target.Path, $"responders-{tag}.json");
            printed.Should().Contain($"{file}: 1 definition(s), tag {tag}\n");
            ((string?)JArray.Parse(File.ReadAllText(file))[0]!["dockerImage"]).Should().Be($"soc/acme:{tag}");
        }

        File.Exists(output).Should().BeFalse("several tags write one catalog each");
    }

    [Test]
    public async Task SeveralTagsWithoutAnOutputFileAreRefusedInOneLine()
    {
        using var root = new ResponderRoot();
        root.WriteFlavor(ResponderRoot.Flavor());

        var (code, printed, error) = await Cli.RunAsync("catalog", root.Path, "--tag", "1.0", "--tag", "devel");

        code.Should().Be(2);
        printed.Should().BeEmpty();
        error.Should().Be("cortex-responder catalog: 2 --tag values make 2 catalogs: give --output <file> (each goes to <file>-<tag>.json)\n");
    }

    [Test]
    public async Task TagDefaultsToTheVersion()
    {
        using var root = new ResponderRoot();
        root.WriteFlavor(ResponderRoot.Flavor());

        var (code, printed, _) = await Cli.RunAsync("catalog", root.Path);

        code.Should().Be(0);
        ((string?)JArray.Parse(printed)[0]["dockerImage"]).Should().Be("cortex-responders/acme:1.0");
    }

    [Test]
    public async Task DefinitionWithErrorsWritesNoCatalog()
    {
        using var root = new ResponderRoot();
        var flavor = ResponderRoot.Flavor();
        flavor["configurationItems"]![0]!["type"] = "integer";
        root.WriteFlavor(flavor);
        var output = Path.Combine(root.Path, "responders.json");

        var (code, _, error) = await Cli.RunAsync("catalog", root.Path, "-o", output);

        code.Should().Be(1);
        error.Should().Contain("item-type").And.Contain("no catalog written");
        File.Exists(output).Should().BeFalse();
    }

    [Test]
    public async Task CatalogOfAnAnalyzersRootHasTheSameForm()
    {
        var analyzers = Path.Combine(TestSupport.Repository.Root, "analyzers");

        var (code, printed, error) = await Cli.RunAsync("catalog", analyzers, "--image-prefix", "registry.example.org/soc");

        code.Should().Be(0, error);
        var catalog = JArray.Parse(printed);
        catalog.Select(e => (string?)e["name"]).Should().Equal("DevTools_Echo_Analyzer", "EmlParser");
        foreach (var entry in catalog.Children<JObject>())
        {
            entry.ContainsKey("command").Should().BeFalse();
            var source = JObject.Parse(File.ReadAllText(Directory.GetDirectories(analyzers).SelectMany(d => Directory.GetFiles(d, "*.json")).Single(f => (string?)JObject.Parse(File.ReadAllText(f))["name"] == (string?)entry["name"])));
            entry["dataTypeList"].Should().BeEquivalentTo(source["dataTypeList"], "the analyzer's observable types are kept");
        }

        catalog.Select(e => (string?)e["dockerImage"]).Should().Equal("registry.example.org/soc/echo:1.0", "registry.example.org/soc/emlparser:2.1");
    }
}
