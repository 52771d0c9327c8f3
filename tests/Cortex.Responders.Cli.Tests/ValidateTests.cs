using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Cli.Tests;

/// <summary>`cortex-responder validate`: one flavor per rule that breaks it, and valid flavors that pass clean.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class ValidateTests
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

    [Test]
    public async Task JsonAtTheRootDoesNotHideTheResponderFolders()
    {
        using var root = new ResponderRoot();
        root.Write("Acme/run.sh", "#!/bin/sh\n");
        root.WriteFlavor(ResponderRoot.Flavor());
        root.Write("package.json", "{}");

        var (code, output, _) = await Cli.RunAsync("validate", root.Path);

        code.Should().Be(1, output);
        output.Should().Contain("error [command-not-executable]").And.Contain("package.json: warning [root-json]");
    }

    [Test]
    public async Task FolderWithoutDefinitionsIsAnError()
    {
        using var root = new ResponderRoot();
        root.Write("notes/readme.txt", "nothing");

        var (code, output, _) = await Cli.RunAsync("validate", root.Path);

        code.Should().Be(1);
        output.Should().Contain("error [no-definitions]");
    }

    [Test]
    public async Task CommandWithoutRunBit()
    {
        using var root = new ResponderRoot();
        root.Write("Acme/run.sh", "#!/bin/sh\n");
        root.WriteFlavor(ResponderRoot.Flavor());

        var (code, output, _) = await Cli.RunAsync("validate", root.Path);

        code.Should().Be(1);
        output.Should().Contain("error [command-not-executable]").And.Contain("chmod +x");
    }

    [Test]
    public async Task StrayJsonFileIsAWarning()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "exit 0");
        root.WriteFlavor(ResponderRoot.Flavor());
        root.Write("Acme/Acme.deps.json", "{\"runtimeTarget\": {\"name\": \".NETCoreApp,Version=v10.0\"}}");

        var (code, output, _) = await Cli.RunAsync("validate", Path.Combine(root.Path, "Acme"));

        code.Should().Be(0);
        output.Should().Contain("Acme.deps.json: warning [stray-json]").And.Contain("0 error(s), 1 warning(s)");
    }

    [Test]
    public async Task DuplicateWorkerIdAcrossTheRoot()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "exit 0");
        root.WriteScript("Other/run.sh", "exit 0");
        root.WriteFlavor(ResponderRoot.Flavor());
        var other = ResponderRoot.Flavor("Acme_Notify", "Other");
        other["version"] = "1_0";
        root.WriteFlavor(other, "Other/Other.json");

        var (code, output, _) = await Cli.RunAsync("validate", root.Path);

        code.Should().Be(1);
        output.Should().Contain("error [duplicate-id]").And.Contain("worker id Acme_Notify_1_0");
    }

    [Test]
    public async Task FlavorsSharingABaseConfigWithConflictingItems()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "exit 0");
        root.WriteFlavor(ResponderRoot.Flavor());
        var second = ResponderRoot.Flavor("Acme_Block");
        second["configurationItems"]![2]!["type"] = "string";
        second["configurationItems"]![2]!["defaultValue"] = "3";
        root.WriteFlavor(second, "Acme/Acme_Block.json");

        var (code, output, _) = await Cli.RunAsync("validate", root.Path);

        code.Should().Be(1);
        output.Should().Contain("error [base-config-conflict]").And.Contain("item \"retries\" is a number here but a string");
    }

    [Test]
    public async Task RealisticThirdPartyFlavorsPassClean()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "exit 0");
        root.WriteScript("Firewall/firewall.py", "exit 0");
        root.WriteFlavor(ResponderRoot.Flavor());
        var block = ResponderRoot.Flavor("Acme_Block");
        block["config"] = new JObject { ["service"] = "block" };
        root.WriteFlavor(block, "Acme/Acme_Block.json");
        root.Write("Firewall/Firewall_BlockIP.json", """
            {
              "name": "Firewall_BlockIP", "version": "2.1", "author": "Network team", "url": "https://example.org/fw",
              "license": "AGPL-V3", "description": "Block an IP observable on the perimeter firewall",
              "dataTypeList": ["thehive:case_artifact"], "command": "Firewall/firewall.py", "baseConfig": "Firewall",
              "config": {"check_tlp": true, "max_tlp": 2, "service": "block"},
              "configurationItems": [
                {"name": "api_key", "description": "API key", "type": "string", "multi": false, "required": true},
                {"name": "zones", "description": "Zones", "type": "string", "multi": true, "required": false, "defaultValue": []},
                {"name": "verify_ssl", "description": "Verify TLS", "type": "boolean", "required": false, "defaultValue": true},
                {"name": "ttl", "description": "Minutes", "type": "number", "defaultValue": 60.5}
              ],
              "service_homepage": "https://example.org", "registration_required": true
            }
            """);
        root.Write("Cloud/Cloud_Isolate.json", """
            {"name": "Cloud_Isolate", "version": "1.0", "author": "x", "url": "https://example.org", "license": "MIT",
             "description": "Isolate a host", "dataTypeList": ["thehive:case", "thehive:case_task", "thehive:case_task_log"],
             "dockerImage": "example/cloud-isolate:1.0", "baseConfig": "Cloud"}
            """);

        var (code, output, _) = await Cli.RunAsync("validate", root.Path);

        output.Should().EndWith("4 file(s), 4 definition(s): 0 error(s), 0 warning(s)\n");
        code.Should().Be(0);
    }

    [Test]
    public async Task OurOwnFlavorsPassClean()
    {
        using var root = new ResponderRoot();
        var flavors = 0;
        foreach (var folder in Directory.GetDirectories(Path.Combine(TestSupport.Repository.Root, "responders")))
        {
            var name = Path.GetFileName(folder);
            foreach (var flavor in Directory.GetFiles(folder, "*.json"))
            {
                root.Write(Path.Combine(name, Path.GetFileName(flavor)), File.ReadAllText(flavor));
                flavors++;
            }

            root.WriteScript(Path.Combine(name, name), "exit 0");
        }

        var (code, output, _) = await Cli.RunAsync("validate", root.Path);

        flavors.Should().BeGreaterThanOrEqualTo(6, "Echo (2), Mailer (2), PhishFeedback and Jupyter at least");
        output.Should().EndWith($"{flavors} file(s), {flavors} definition(s): 0 error(s), 0 warning(s)\n");
        code.Should().Be(0);
    }

    [Test]
    public async Task OurOwnAnalyzerFlavorsPassCleanAsAnalyzersAndAreWarnedAsResponders()
    {
        using var root = new ResponderRoot();
        var flavors = new List<string>();
        foreach (var folder in Directory.GetDirectories(Path.Combine(TestSupport.Repository.Root, "analyzers")).Where(f => Directory.EnumerateFiles(f, "*.json").Any()))
        {
            var name = Path.GetFileName(folder);
            foreach (var flavor in Directory.GetFiles(folder, "*.json"))
            {
                flavors.Add(root.Write(Path.Combine(name, Path.GetFileName(flavor)), File.ReadAllText(flavor)));
                // The executable the publish writes (EchoAnalyzer/EchoAnalyzer: the assembly's name, not the folder's).
                root.WriteScript((string)JObject.Parse(File.ReadAllText(flavor))["command"]!, "exit 0");
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
    public async Task UnknownKindIsAUsageError()
    {
        var (code, output, error) = await Cli.RunAsync("validate", ".", "--kind", "worker");

        code.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().StartWith("cortex-responder validate: ").And.Contain("worker");
    }

    [Test]
    public async Task MissingPathIsBadUsageOnStandardError()
    {
        var (code, output, error) = await Cli.RunAsync("validate", "/nonexistent/flavor.json");

        code.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().StartWith("cortex-responder validate: /nonexistent/flavor.json: no such file or folder");
    }

    [TestCase(false, 0, TestName = "a warning passes by default")]
    [TestCase(true, 1, TestName = "a warning fails with --strict")]
    public async Task StrictMakesWarningsFail(bool strict, int expected)
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "exit 0");
        var flavor = ResponderRoot.Flavor();
        flavor["name"] = "Acme Notify";
        root.WriteFlavor(flavor);

        var (code, output, _) = await Cli.RunAsync(strict ? ["validate", "--strict", root.Path] : ["validate", root.Path]);

        output.Should().Contain("warning [name-chars]").And.Contain("0 error(s), 1 warning(s)");
        code.Should().Be(expected, output);
    }

    [Test]
    public async Task StrictPassesACleanRootAndStillFailsOnErrors()
    {
        using var clean = new ResponderRoot();
        clean.WriteScript("Acme/run.sh", "exit 0");
        clean.WriteFlavor(ResponderRoot.Flavor());
        using var broken = new ResponderRoot();
        var flavor = ResponderRoot.Flavor();
        flavor.Remove("license");
        broken.WriteScript("Acme/run.sh", "exit 0");
        broken.WriteFlavor(flavor);

        var (cleanCode, cleanOutput, _) = await Cli.RunAsync("validate", "--strict", clean.Path, "--json");
        var (brokenCode, brokenOutput, _) = await Cli.RunAsync("validate", "--strict", broken.Path, "--json");

        cleanCode.Should().Be(0, cleanOutput);
        brokenCode.Should().Be(1, brokenOutput);
        ((int)JObject.Parse(brokenOutput)["errors"]!).Should().Be(1);
    }
}
