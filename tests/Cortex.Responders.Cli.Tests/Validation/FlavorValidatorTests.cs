using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Cli.Tests.Validation;

/// <summary>The rules `validate` runs on one flavor: one broken flavor per rule, and the JSON Cortex reads.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class FlavorValidatorTests
{
    public static IEnumerable<TestCaseData> BrokenFlavors()
    {
        TestCaseData Case(string rule, string severity, string path, Action<JObject> breakIt, string because) =>
            new TestCaseData(rule, severity, path, breakIt).SetName($"{rule}: {because}");

        yield return Case("missing-field", "error", "$", f => f.Remove("license"), "license missing");
        yield return Case("field-type", "error", "$.version", f => f["version"] = 1.0, "version as a number");
        yield return Case("field-type", "error", "$.baseConfig", f => f["baseConfig"] = new JArray("Acme"), "baseConfig not a string");
        yield return Case("name-chars", "warning", "$.name", f => f["name"] = "Acme Notify", "space in name");
        yield return Case("name-chars", "warning", "$.name", f => f["name"] = "Acme/Notify", "slash in name");
        yield return Case("name-chars", "error", "$.name", f => f["name"] = "", "empty name");
        yield return Case("item-type", "warning", "$.configurationItems[0].type", f => f["configurationItems"]![0]!["type"] = "String", "type in capitals");
        yield return Case("no-command", "error", "$", f => f.Remove("command"), "no command nor image");
        yield return Case("command-outside", "error", "$.command", f => f["command"] = "../../usr/bin/env", "command leaves the root");
        yield return Case("command-missing", "error", "$.command", f => f["command"] = "Acme/acme.py", "command does not exist");
        yield return Case("data-types", "error", "$.dataTypeList", f => f["dataTypeList"] = "thehive:case", "dataTypeList a string");
        yield return Case("data-types", "error", "$.dataTypeList", f => f["dataTypeList"] = new JArray(), "dataTypeList empty");
        yield return Case("data-types", "error", "$", f => f.Remove("dataTypeList"), "dataTypeList missing");
        yield return Case("data-type-kind", "warning", "$.dataTypeList[1]", f => f["dataTypeList"] = new JArray("thehive:case", "domain"), "observable type");
        yield return Case("data-type-duplicate", "warning", "$.dataTypeList", f => f["dataTypeList"] = new JArray("thehive:case", "thehive:case"), "listed twice");
        yield return Case("config-type", "error", "$.config", f => f["config"] = new JArray(), "config an array");
        yield return Case("items-type", "error", "$.configurationItems", f => f["configurationItems"] = new JObject(), "items an object");
        yield return Case("item-type", "error", "$.configurationItems[2].type", f => f["configurationItems"]![2]!["type"] = "integer", "integer type");
        yield return Case("item-type", "error", "$.configurationItems[0].type", f => ((JObject)f["configurationItems"]![0]!).Remove("type"), "type missing");
        yield return Case("item-field", "error", "$.configurationItems[1].description", f => ((JObject)f["configurationItems"]![1]!).Remove("description"), "description missing");
        yield return Case("item-field", "error", "$.configurationItems[1].multi", f => f["configurationItems"]![1]!["multi"] = "yes", "multi not boolean");
        yield return Case("name-control", "error", "$.name", f => f["name"] = "Acme\nENV X=1", "line break in name");
        yield return Case("name-control", "error", "$.name", f => f["name"] = "Acme\u001b[31m", "terminal escape in name");
        yield return Case("base-config-missing", "warning", "$", f => f.Remove("baseConfig"), "no baseConfig (Cortex-Analyzers' schema)");
        yield return Case("asset-missing", "warning", "$.service_logo.path", f => f["service_logo"] = new JObject { ["path"] = "assets/logo.png", ["caption"] = "logo" }, "service_logo file missing");
        yield return Case("asset-missing", "warning", "$.screenshots[0].path", f => f["screenshots"] = new JArray(new JObject { ["path"] = "assets/shot.png" }), "screenshot file missing");
        yield return Case("schema-field", "warning", "$.free_subscription", f => f["free_subscription"] = 1, "free_subscription a number");
        yield return Case("schema-field", "warning", "$.integration_type", f => f["integration_type"] = "remote", "unknown integration_type");
        yield return Case("item-duplicate", "error", "$.configurationItems[5].name", f => ((JArray)f["configurationItems"]!).Add(f["configurationItems"]![0]!.DeepClone()), "item twice");
        yield return Case("default-type", "error", "$.configurationItems[2].defaultValue", f => f["configurationItems"]![2]!["defaultValue"] = "three", "number default not a number");
        yield return Case("default-type", "warning", "$.configurationItems[2].defaultValue", f => f["configurationItems"]![2]!["defaultValue"] = "3", "number default as text");
        yield return Case("default-type", "error", "$.configurationItems[1].defaultValue", f => f["configurationItems"]![1]!["defaultValue"] = "soc@example.org", "multi default not an array");
        yield return Case("default-type", "error", "$.configurationItems[1].defaultValue[1]", f => f["configurationItems"]![1]!["defaultValue"] = new JArray("a@example.org", 2), "multi default with a number");
        yield return Case("default-type", "error", "$.configurationItems[3].defaultValue", f => f["configurationItems"]![3]!["defaultValue"] = "no", "boolean default not a boolean");
        yield return Case("default-type", "error", "$.configurationItems[0].defaultValue", f => f["configurationItems"]![0]!["defaultValue"] = new JArray("x"), "array default of a single item");
    }

    [TestCaseSource(nameof(BrokenFlavors))]
    public async Task EachRuleIsReportedWithFileJsonPathAndFix(string rule, string severity, string path, Action<JObject> breakIt)
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "exit 0");
        var flavor = ResponderRoot.Flavor();
        breakIt(flavor);
        var file = root.WriteFlavor(flavor);

        var (code, output, _) = await Cli.RunAsync("validate", root.Path, "--json");

        var report = JObject.Parse(output);
        var findings = report["findings"]!.Children<JObject>().ToList();
        findings.Should().ContainSingle(f => (string?)f["rule"] == rule, output);
        var finding = findings.Single(f => (string?)f["rule"] == rule);
        ((string?)finding["severity"]).Should().Be(severity);
        ((string?)finding["file"]).Should().Be(file);
        ((string?)finding["path"]).Should().Be(path);
        ((int)finding["line"]!).Should().BePositive();
        ((string?)finding["fix"]).Should().NotBeNullOrWhiteSpace();
        findings.Where(f => (string?)f["rule"] != rule).Should().BeEmpty("one broken rule gives one finding");
        code.Should().Be(severity == "error" ? 1 : 0);
    }

    [Test]
    public async Task JsonSyntaxErrorGivesLineAndColumn()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "exit 0");
        var file = root.Write("Acme/Acme_Notify.json", "{\n  \"name\": \"Acme_Notify\",\n  \"version\": \"1.0\"\n  \"author\": \"x\"\n}\n");

        var (code, output, _) = await Cli.RunAsync("validate", file);

        code.Should().Be(1);
        output.Should().Contain($"{file}:4: error [json-syntax]").And.Contain("(line 4, column");
    }

    [TestCase("\uFEFF{\"name\": \"x\"}", "byte order mark")]
    [TestCase("{\n  // a comment\n  \"name\": \"x\"\n}", "(line 2, column")]
    [TestCase("{\"name\": \"x\", \"dataTypeList\": [\"thehive:case\",]}", "(line 1, column")]
    [TestCase("{'name': 'x'}", "(line 1, column 2)")]
    public async Task WhatALenientParserAcceptsButCortexRejects(string content, string message)
    {
        using var root = new ResponderRoot();
        var file = root.Write("Acme/Acme_Notify.json", content);

        var (code, output, _) = await Cli.RunAsync("validate", file);

        code.Should().Be(1, output);
        output.Should().Contain("error [json-syntax]").And.Contain(message);
    }

    [Test]
    public async Task NullsCortexReadsAsAbsentAreFine()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "exit 0");
        var flavor = ResponderRoot.Flavor();
        flavor["dockerImage"] = null;
        flavor["baseConfig"] = null;
        flavor["configurationItems"]![0]!["multi"] = null;
        flavor["configurationItems"]![0]!["required"] = null;
        flavor["configurationItems"]![4]!["defaultValue"] = null;
        root.WriteFlavor(flavor);

        var (code, output, _) = await Cli.RunAsync("validate", root.Path);

        code.Should().Be(0, output);
        output.Should().EndWith("0 error(s), 0 warning(s)\n");
    }
}
