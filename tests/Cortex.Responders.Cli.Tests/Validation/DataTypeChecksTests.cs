using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Cli.Tests.Validation;

/// <summary>How `validate` judges a flavor's data types by the kind of worker it is.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class DataTypeChecksTests
{
    [TestCase("auto", new[] { "ip", "domain", "file" }, new string[0], TestName = "observable types alone: an analyzer, clean")]
    [TestCase("auto", new[] { "thehive:case", "thehive:alert" }, new string[0], TestName = "TheHive objects alone: a responder, clean")]
    [TestCase("auto", new[] { "thehive:case", "domain", "ip" }, new[] { "$.dataTypeList[1]: \"domain\" is an observable type, but the list also holds TheHive objects", "$.dataTypeList[2]: \"ip\" is an observable type" }, TestName = "both: a responder whose observable types are the mixed finding")]
    [TestCase("responder", new[] { "domain", "ip" }, new[] { "$.dataTypeList[0]: \"domain\" is an observable type, but this flavor is a responder (--kind responder): TheHive will not offer it", "$.dataTypeList[1]: \"ip\" is an observable type, but this flavor is a responder (--kind responder)" }, TestName = "a responder taking observable types is warned that TheHive will not offer it")]
    [TestCase("analyzer", new[] { "thehive:case", "ip" }, new[] { "$.dataTypeList[0]: \"thehive:case\" is a TheHive object type, but this flavor is an analyzer (--kind analyzer)" }, TestName = "an analyzer taking a TheHive object is warned")]
    [TestCase("auto", new[] { "ip", "ipv4" }, new[] { "$.dataTypeList[1]: \"ipv4\" is not one of TheHive's observable types" }, TestName = "an analyzer's misspelled observable type is warned")]
    public async Task KindDecidesWhichDataTypesAreRight(string kind, string[] dataTypes, string[] warnings)
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "exit 0");
        var flavor = ResponderRoot.Flavor();
        flavor["dataTypeList"] = new JArray(dataTypes);
        root.WriteFlavor(flavor);

        var (code, output, _) = await Cli.RunAsync("validate", root.Path, "--kind", kind, "--json");

        var findings = JObject.Parse(output)["findings"]!.Children<JObject>().ToList();
        findings.Select(f => $"{f["path"]}: {f["message"]}").Should().HaveCount(warnings.Length, output);
        for (var i = 0; i < warnings.Length; i++)
        {
            ((string?)findings[i]["rule"]).Should().Be("data-type-kind");
            ((string?)findings[i]["severity"]).Should().Be("warning");
            $"{findings[i]["path"]}: {findings[i]["message"]}".Should().StartWith(warnings[i]);
        }

        code.Should().Be(0);
    }

    [Test]
    public async Task OurOwnAnalyzerFlavorsPassCleanAsAnalyzersAndAreWarnedAsResponders()
    {
        using var root = new ResponderRoot();
        var flavors = new List<string>();
        foreach (var folder in Directory.GetDirectories(Path.Combine(TestSupport.Repository.Root, "analyzers")).Where(f => Directory.EnumerateFiles(f, "*.json").Any()))
        {
            // Published as Cortex finds it: the folder and the executable are the command's (Echo's is EchoAnalyzer/EchoAnalyzer).
            foreach (var flavor in Directory.GetFiles(folder, "*.json"))
            {
                var command = (string)JObject.Parse(File.ReadAllText(flavor))["command"]!;
                flavors.Add(root.Write(Path.Combine(command.Split('/')[0], Path.GetFileName(flavor)), File.ReadAllText(flavor)));
                root.WriteScript(command, "exit 0");
            }
        }

        var (code, output, _) = await Cli.RunAsync("validate", root.Path, "--strict", "--json");

        flavors.Select(Path.GetFileName).Should().Contain(["DevTools_Echo_Analyzer.json", "EmlParser.json"]);
        var report = JObject.Parse(output);
        report["findings"].Should().BeEmpty(output);
        ((int)report["analyzers"]!).Should().Be(flavors.Count, "observable data types make an analyzer");
        code.Should().Be(0);

        var (asResponders, printed, _) = await Cli.RunAsync("validate", root.Path, "--kind", "responder", "--json");

        var findings = JObject.Parse(printed)["findings"]!.Children<JObject>().ToList();
        ((int)JObject.Parse(printed)["analyzers"]!).Should().Be(0);
        findings.Should().OnlyContain(f => (string?)f["rule"] == "data-type-kind" && (string?)f["severity"] == "warning");
        findings.Where(f => (string?)f["file"] == flavors.Single(p => p.EndsWith("EmlParser.json", StringComparison.Ordinal)))
            .Select(f => (string?)f["path"]).Should().Equal("$.dataTypeList[0]");
        findings.Should().HaveCount(ObservableTypes.All.Count + 1, "Echo takes every observable type, EmlParser file");
        asResponders.Should().Be(0, "warnings only, without --strict");
    }
}
