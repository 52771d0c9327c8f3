using Cortex.Responders.TestSupport;
using Cortex.Responders.TestSupport.Browser;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Templates.Tests;

/// <summary>`dotnet new cortex-analyzer`: from nothing to a published analyzer Cortex runs, and where each option lands.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class AnalyzerTemplateTests
{
    [Test]
    [NonParallelizable]
    public async Task FromDotnetNewToAnAnalyzerCortexRuns()
    {
        var environment = await TemplatePack.ReadyAsync();
        var (created, output, folder) = await TemplatePack.NewAnalyzerAsync("Acme.Lookup", "--authors", "Acme SOC", "--data-types", "ip", "--data-types", "file");
        created.Should().Be(0, output);
        await TemplatePack.UseFeedAsync(folder, environment);

        Task<string> Step(params string[] arguments) => TemplatePack.DotnetAsync(folder, environment, arguments);

        await Step("build", "Acme.Lookup.slnx");
        (await Step("test", "Acme.Lookup.slnx")).Should().Contain("Passed!  - Failed:     0, Passed:     6");
        var root = Path.Combine(folder, "cortex-root");
        await Step("publish", "Acme.Lookup/Acme.Lookup.csproj", "-c", "Release", $"-p:CortexRoot={root}");
        Directory.GetFiles(Path.Combine(root, "Acme.Lookup")).Select(Path.GetFileName).Should().BeEquivalentTo("Acme.Lookup", "Acme_Lookup.json", "long.html");
        TemplatePack.Flavor(Path.Combine(root, "Acme.Lookup"), "Acme_Lookup.json")["dataTypeList"]!.Values<string>().Should().Equal("ip", "file");

        // As Cortex runs it: from the root, <command> <jobFolder>, the job in input/input.json.
        using var job = CortexJob.Create(JObject.Parse("""
            {"data": "198.51.100.7", "dataType": "ip", "tlp": 2, "pap": 2, "message": "", "parameters": {},
             "config": {"api_url": "https://api.example.org/", "api_key": "k", "check_tlp": true, "max_tlp": 2, "auto_extract": true}}
            """));
        var run = await job.RunAsync(root, "Acme.Lookup/Acme.Lookup");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Success.Should().BeTrue(run.ToString());
        var report = run.Output!;
        report.Properties().Select(p => p.Name).Should().BeEquivalentTo("success", "summary", "artifacts", "operations", "full");
        JToken.DeepEquals(report["summary"], JObject.Parse("""{"taxonomies": [{"level": "malicious", "namespace": "AcmeLookup", "predicate": "Listed", "value": true}]}"""))
            .Should().BeTrue($"the summary is {report["summary"]}");
        JToken.DeepEquals(report["full"], JObject.Parse("""{"observable": "198.51.100.7", "dataType": "ip", "listed": true, "seenWith": "update.badcorp.example"}"""))
            .Should().BeTrue($"the full report is {report["full"]}");
        report["artifacts"]!.Select(a => (string?)a["data"]).Should().Equal("update.badcorp.example");

        // What the analyst sees: the generated long.html, published beside the flavor, rendered as TheHive renders it.
        await using var browser = await Chromium.StartAsync();
        var scope = ReportScope.Of(JObject.Parse(File.ReadAllText(job.InputFile)), report);
        await using var rendered = await ReportTemplateRenderer.RenderAsync(browser, File.ReadAllText(Path.Combine(root, "Acme.Lookup", "long.html")), scope);
        await rendered.AttachScreenshotAsync("dotnet-new-cortex-analyzer");
        (await rendered.TextAsync(".panel-heading")).Should().Be("AcmeLookup: 198[.]51[.]100[.]7 Listed");
        (await rendered.TextAsync(".report-observable")).Should().Be("198[.]51[.]100[.]7 (ip)");
        (await rendered.TextAsync(".report-seen-with")).Should().Be("update[.]badcorp[.]example");
        (await rendered.TextsAsync(".report-sha256")).Should().BeEmpty("an IP has no hash");

        using var refused = CortexJob.Create(JObject.Parse("""{"data": "198.51.100.7", "dataType": "ip", "tlp": 3, "config": {"check_tlp": true, "max_tlp": 2}}"""));
        var failed = await refused.RunAsync(root, "Acme.Lookup/Acme.Lookup");
        await using var error = await ReportTemplateRenderer.RenderAsync(browser, File.ReadAllText(Path.Combine(root, "Acme.Lookup", "long.html")),
            ReportScope.Of(JObject.Parse(File.ReadAllText(refused.InputFile)), failed.Output!));
        (await error.TextAsync(".report-error")).Should().Be("TLP is higher than allowed.");
    }

    [Test]
    public async Task NameLandsInProjectsCommandFlavorClassAndProgram()
    {
        var (code, output, folder) = await TemplatePack.NewAnalyzerAsync("Contoso.Ip-Rep");

        code.Should().Be(0, output);
        var project = Path.Combine(folder, "Contoso.Ip-Rep");
        File.ReadAllText(Path.Combine(project, "Program.cs")).Should().Be("return await Cortex.Responders.AnalyzerHost.RunAsync<Contoso.Ip_Rep.ContosoIpRepAnalyzer>(args);\n");
        File.ReadAllText(Path.Combine(project, "ContosoIpRepAnalyzer.cs")).Should().Contain("public sealed class ContosoIpRepAnalyzer : Analyzer");
        var flavor = TemplatePack.Flavor(project, "Contoso_Ip-Rep.json");
        ((string?)flavor["name"]).Should().Be("Contoso_Ip-Rep");
        ((string?)flavor["baseConfig"]).Should().Be("Contoso_Ip-Rep");
        ((string?)flavor["command"]).Should().Be("Contoso.Ip-Rep/Contoso.Ip-Rep");
        File.ReadAllText(Path.Combine(folder, "Contoso.Ip-Rep.slnx")).Should().Contain("Contoso.Ip-Rep.Tests/Contoso.Ip-Rep.Tests.csproj");
        // The project files come from templates/shared, stamped with this version's packages.
        File.ReadAllText(Path.Combine(project, "Contoso.Ip-Rep.csproj")).Should().Contain($"<PackageReference Include=\"Cortex.Responders\" Version=\"{TemplatePack.Version}\" />");
        File.ReadAllText(Path.Combine(folder, "Contoso.Ip-Rep.Tests", "Contoso.Ip-Rep.Tests.csproj"))
            .Should().Contain($"<PackageReference Include=\"Cortex.Responders.Testing\" Version=\"{TemplatePack.Version}\" />")
            .And.Contain("../Contoso.Ip-Rep/Contoso.Ip-Rep.csproj");
    }

    [Test]
    public async Task OptionsLandInTheFlavor()
    {
        var (code, output, folder) = await TemplatePack.NewAnalyzerAsync(
            "Acme.Rep", "--authors", "CERT Acme", "--url", "https://git.acme.example/rep", "--license", "AGPL-V3", "--description", "Says what the SOC knows",
            "--data-types", "domain", "--data-types", "user-agent", "--data-types", "autonomous-system");

        code.Should().Be(0, output);
        var flavor = TemplatePack.Flavor(Path.Combine(folder, "Acme.Rep"), "Acme_Rep.json");
        ((string?)flavor["author"]).Should().Be("CERT Acme");
        ((string?)flavor["url"]).Should().Be("https://git.acme.example/rep");
        ((string?)flavor["service_homepage"]).Should().Be("https://git.acme.example/rep");
        ((string?)flavor["license"]).Should().Be("AGPL-V3");
        ((string?)flavor["description"]).Should().Be("Says what the SOC knows");
        flavor["dataTypeList"]!.Values<string>().Should().Equal("domain", "user-agent", "autonomous-system");
        File.ReadAllText(Path.Combine(folder, "Acme.Rep", "Acme.Rep.csproj")).Should().Contain("<Authors>CERT Acme</Authors>");
        File.ReadAllText(Path.Combine(folder, "Acme.Rep", "AcmeRepAnalyzer.cs")).Should().Contain("/// <summary>Says what the SOC knows</summary>");
    }

    [Test]
    public async Task DataTypesDefaultToAnIpAndAreTheObservableTypes()
    {
        var (_, _, single) = await TemplatePack.NewAnalyzerAsync("Acme.One");
        var (code, output, every) = await TemplatePack.NewAnalyzerAsync("Acme.Every", [.. ObservableTypes.All.SelectMany(t => new[] { "--data-types", t })]);

        code.Should().Be(0, output);
        TemplatePack.Flavor(Path.Combine(single, "Acme.One"), "Acme_One.json")["dataTypeList"]!.Values<string>().Should().Equal("ip");
        TemplatePack.Flavor(Path.Combine(every, "Acme.Every"), "Acme_Every.json")["dataTypeList"]!.Values<string>().Should().Equal(ObservableTypes.All);
    }

    [TestCase("thehive:case")]
    [TestCase("ipv4")]
    public async Task DataTypeOutsideTheObservableTypesIsRefused(string dataType)
    {
        var (code, output, folder) = await TemplatePack.NewAnalyzerAsync("Acme.Wrong", "--data-types", dataType);

        code.Should().NotBe(0);
        output.Should().Contain($"'{dataType}' is not a valid value for --data-types");
        Directory.Exists(folder).Should().BeFalse();
    }

    [Test]
    public async Task WithoutConfigurationThereAreNoItemsAndNoConfigCode()
    {
        var (code, output, folder) = await TemplatePack.NewAnalyzerAsync("Acme.Plain", "--with-config", "false");

        code.Should().Be(0, output);
        var flavor = TemplatePack.Flavor(Path.Combine(folder, "Acme.Plain"), "Acme_Plain.json");
        flavor["configurationItems"].Should().BeOfType<JArray>().Which.Should().BeEmpty();
        ((bool?)flavor["registration_required"]).Should().BeFalse();
        File.ReadAllText(Path.Combine(folder, "Acme.Plain", "AcmePlainAnalyzer.cs")).Should().NotContain("api_url").And.NotContain("#if").And.Contain("GetInputFile()");
        File.ReadAllText(Path.Combine(folder, "Acme.Plain.Tests", "AcmePlainAnalyzerTests.cs")).Should().NotContain("api_url").And.NotContain("#if");
    }

    [Test]
    public async Task WithConfigurationTheItemsAndTheirTestAreThere()
    {
        var (code, output, folder) = await TemplatePack.NewAnalyzerAsync("Acme.Configured");

        code.Should().Be(0, output);
        var flavor = TemplatePack.Flavor(Path.Combine(folder, "Acme.Configured"), "Acme_Configured.json");
        flavor["configurationItems"]!.Select(i => (string?)i["name"]).Should().Equal("api_url", "api_key");
        ((bool?)flavor["registration_required"]).Should().BeTrue();
        File.ReadAllText(Path.Combine(folder, "Acme.Configured", "AcmeConfiguredAnalyzer.cs")).Should().Contain("RequireParam<string>(\"config.api_url\"").And.NotContain("#if");
        File.ReadAllText(Path.Combine(folder, "Acme.Configured.Tests", "AcmeConfiguredAnalyzerTests.cs")).Should().Contain("MissingApiUrlSaysWhatToFixAndHidesTheKey");
    }

    [Test]
    public async Task NoTestsLeavesOutTheTestProject()
    {
        var (code, output, folder) = await TemplatePack.NewAnalyzerAsync("Acme.Lean", "--no-tests");

        code.Should().Be(0, output);
        Directory.Exists(Path.Combine(folder, "Acme.Lean.Tests")).Should().BeFalse();
        File.ReadAllText(Path.Combine(folder, "Acme.Lean.slnx")).Should().Contain("Acme.Lean/Acme.Lean.csproj").And.NotContain("Tests");
        File.Exists(Path.Combine(folder, "Acme.Lean.NoTests.slnx")).Should().BeFalse();
    }
}
