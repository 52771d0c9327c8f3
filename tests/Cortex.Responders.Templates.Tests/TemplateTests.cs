using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Templates.Tests;

/// <summary>`dotnet new cortex-responder`: from nothing to a published responder, and where each parameter lands.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class TemplateTests
{
    [Test]
    [NonParallelizable]
    public async Task FromDotnetNewToAResponderCortexRuns()
    {
        var environment = await TemplatePack.ReadyAsync();
        var (created, output, folder) = await TemplatePack.NewAsync("Acme.Notify", "--authors", "Acme SOC", "--data-types", "thehive:case", "--data-types", "thehive:alert");
        created.Should().Be(0, output);
        await TemplatePack.UseFeedAsync(folder, environment);

        Task<string> Step(params string[] arguments) => TemplatePack.DotnetAsync(folder, environment, arguments);

        await Step("build", "Acme.Notify.slnx");
        (await Step("test", "Acme.Notify.slnx")).Should().Contain("Passed!  - Failed:     0, Passed:     4");
        var root = Path.Combine(folder, "cortex-root");
        await Step("publish", "Acme.Notify/Acme.Notify.csproj", "-c", "Release", $"-p:CortexRoot={root}");
        Directory.GetFiles(Path.Combine(root, "Acme.Notify")).Select(Path.GetFileName).Should().BeEquivalentTo("Acme.Notify", "Acme_Notify.json");

        var tools = Path.Combine(folder, "tools");
        await Step("tool", "install", "Cortex.Responders.Cli", "--tool-path", tools, "--version", TemplatePack.Version, "--add-source", environment.Feed);
        var cli = Path.Combine(tools, "cortex-responder");
        var (validated, validation) = await Dotnet.RunAsync(folder, environment.Variables, cli, "validate", root);
        validated.Should().Be(0, validation);
        validation.Should().Contain("1 definition(s): 0 error(s), 0 warning(s)");

        var (ran, run) = await Dotnet.RunAsync(folder, environment.Variables, cli, "run", Path.Combine(root, "Acme.Notify", "Acme_Notify.json"), "--input", TestSupport.Repository.Fixture("thehive-case.json"), "--json");
        ran.Should().Be(0, run);
        var result = JObject.Parse(run);
        ((string?)result["verdict"]).Should().Be("success");
        result["output"]!["operations"].ShouldBeJson("""[{"type":"AddTagToCase","tag":"responded"}]""");
    }

    [Test]
    public async Task NameLandsInFoldersProjectsCommandFlavorAndClass()
    {
        var (code, output, folder) = await TemplatePack.NewAsync("Contoso.Block-Sender");

        code.Should().Be(0, output);
        var project = Path.Combine(folder, "Contoso.Block-Sender");
        File.Exists(Path.Combine(project, "Contoso.Block-Sender.csproj")).Should().BeTrue();
        // The executable is named after the project file, so it matches the flavor's command whatever the name holds.
        File.ReadAllText(Path.Combine(project, "Contoso.Block-Sender.csproj")).Should().Contain("<AssemblyName>$(MSBuildProjectName)</AssemblyName>");
        File.ReadAllText(Path.Combine(folder, "Contoso.Block-Sender.Tests", "Contoso.Block-Sender.Tests.csproj")).Should().Contain("../Contoso.Block-Sender/Contoso.Block-Sender.csproj");
        File.ReadAllText(Path.Combine(project, "Program.cs")).Should().Contain("Contoso.Block_Sender.ContosoBlockSenderResponder");
        var flavor = TemplatePack.Flavor(project, "Contoso_Block-Sender.json");
        ((string?)flavor["name"]).Should().Be("Contoso_Block-Sender");
        ((string?)flavor["command"]).Should().Be("Contoso.Block-Sender/Contoso.Block-Sender");
        File.ReadAllText(Path.Combine(project, "ContosoBlockSenderResponder.cs")).Should().Contain("public sealed class ContosoBlockSenderResponder : Responder");
        File.ReadAllText(Path.Combine(folder, "Contoso.Block-Sender.slnx")).Should().Contain("Contoso.Block-Sender.Tests/Contoso.Block-Sender.Tests.csproj");
    }

    [Test]
    public async Task AuthorsUrlLicenseAndDescriptionLandInTheFlavorAndProject()
    {
        var (code, output, folder) = await TemplatePack.NewAsync(
            "Acme.Tagger", "--authors", "CERT Acme", "--url", "https://git.acme.example/tagger", "--license", "AGPL-V3", "--description", "Tags what the SOC saw");

        code.Should().Be(0, output);
        var flavor = TemplatePack.Flavor(Path.Combine(folder, "Acme.Tagger"), "Acme_Tagger.json");
        ((string?)flavor["author"]).Should().Be("CERT Acme");
        ((string?)flavor["url"]).Should().Be("https://git.acme.example/tagger");
        ((string?)flavor["license"]).Should().Be("AGPL-V3");
        ((string?)flavor["description"]).Should().Be("Tags what the SOC saw");
        File.ReadAllText(Path.Combine(folder, "Acme.Tagger", "Acme.Tagger.csproj")).Should().Contain("<Authors>CERT Acme</Authors>");
        File.ReadAllText(Path.Combine(folder, "Acme.Tagger", "AcmeTaggerResponder.cs")).Should().Contain("/// <summary>Tags what the SOC saw</summary>");
    }

    [Test]
    public async Task DataTypesDefaultToACaseAndTakeSeveral()
    {
        var (_, _, single) = await TemplatePack.NewAsync("Acme.One");
        var (code, output, several) = await TemplatePack.NewAsync("Acme.Several", "--data-types", "thehive:case_artifact", "--data-types", "thehive:case_task_log");

        code.Should().Be(0, output);
        TemplatePack.Flavor(Path.Combine(single, "Acme.One"), "Acme_One.json")["dataTypeList"]!.Values<string>().Should().Equal("thehive:case");
        TemplatePack.Flavor(Path.Combine(several, "Acme.Several"), "Acme_Several.json")["dataTypeList"]!.Values<string>().Should().Equal("thehive:case_artifact", "thehive:case_task_log");
    }

    [Test]
    public async Task GeneratedTestsShipOneSampleJobPerAcceptedType()
    {
        var (_, _, single) = await TemplatePack.NewAsync("Acme.Single");
        var (code, output, all) = await TemplatePack.NewAsync(
            "Acme.All", "--data-types", "thehive:case", "--data-types", "thehive:alert", "--data-types", "thehive:case_artifact", "--data-types", "thehive:case_task", "--data-types", "thehive:case_task_log");

        code.Should().Be(0, output);
        string[] Jobs(string folder, string name) => Directory.GetFiles(Path.Combine(folder, $"{name}.Tests", "jobs")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
        Jobs(single, "Acme.Single").Should().Equal("case.json");
        Jobs(all, "Acme.All").Should().Equal("alert.json", "case.json", "case_artifact.json", "case_task.json", "case_task_log.json");
        foreach (var job in Jobs(all, "Acme.All"))
        {
            var input = JObject.Parse(File.ReadAllText(Path.Combine(all, "Acme.All.Tests", "jobs", job)));
            ((string?)input["dataType"]).Should().Be($"thehive:{Path.GetFileNameWithoutExtension(job)}");
            input.Properties().Select(p => p.Name).Should().Equal("data", "dataType", "tlp", "pap", "message", "parameters", "config");
        }
    }

    [TestCase("domain")]
    [TestCase("thehive:observable")]
    public async Task DataTypeOutsideTheHiveObjectsIsRefused(string dataType)
    {
        var (code, output, folder) = await TemplatePack.NewAsync("Acme.Wrong", "--data-types", dataType);

        code.Should().NotBe(0);
        output.Should().Contain($"'{dataType}' is not a valid value for --data-types");
        Directory.Exists(folder).Should().BeFalse();
    }

    [Test]
    public async Task WithoutConfigurationThereAreNoItemsAndNoConfigCode()
    {
        var (code, output, folder) = await TemplatePack.NewAsync("Acme.Plain", "--with-config", "false");

        code.Should().Be(0, output);
        TemplatePack.Flavor(Path.Combine(folder, "Acme.Plain"), "Acme_Plain.json")["configurationItems"].Should().BeOfType<JArray>().Which.Should().BeEmpty();
        File.ReadAllText(Path.Combine(folder, "Acme.Plain", "AcmePlainResponder.cs")).Should().NotContain("api_url").And.NotContain("#if");
        File.ReadAllText(Path.Combine(folder, "Acme.Plain.Tests", "AcmePlainResponderTests.cs")).Should().NotContain("api_url");
    }

    [Test]
    public async Task WithConfigurationTheItemsAndTheirTestAreThere()
    {
        var (code, output, folder) = await TemplatePack.NewAsync("Acme.Configured");

        code.Should().Be(0, output);
        TemplatePack.Flavor(Path.Combine(folder, "Acme.Configured"), "Acme_Configured.json")["configurationItems"]!.Select(i => (string?)i["name"]).Should().Equal("api_url", "api_key");
        File.ReadAllText(Path.Combine(folder, "Acme.Configured", "AcmeConfiguredResponder.cs")).Should().Contain("RequireParam<string>(\"config.api_url\"").And.NotContain("#if");
        File.ReadAllText(Path.Combine(folder, "Acme.Configured.Tests", "AcmeConfiguredResponderTests.cs")).Should().Contain("MissingApiUrlSaysWhatToFixAndHidesTheKey");
    }

    [Test]
    public async Task NoTestsLeavesOutTheTestProject()
    {
        var (code, output, folder) = await TemplatePack.NewAsync("Acme.Lean", "--no-tests");

        code.Should().Be(0, output);
        Directory.Exists(Path.Combine(folder, "Acme.Lean.Tests")).Should().BeFalse();
        var solution = File.ReadAllText(Path.Combine(folder, "Acme.Lean.slnx"));
        solution.Should().Contain("Acme.Lean/Acme.Lean.csproj").And.NotContain("Tests");
        File.Exists(Path.Combine(folder, "Acme.Lean.NoTests.slnx")).Should().BeFalse();
    }

    [Test]
    public async Task TheProjectsReferenceThePackagesOfThisVersion()
    {
        var (code, output, folder) = await TemplatePack.NewAsync("Acme.Versioned");

        code.Should().Be(0, output);
        File.ReadAllText(Path.Combine(folder, "Acme.Versioned", "Acme.Versioned.csproj")).Should().Contain($"<PackageReference Include=\"Cortex.Responders\" Version=\"{TemplatePack.Version}\" />");
        File.ReadAllText(Path.Combine(folder, "Acme.Versioned.Tests", "Acme.Versioned.Tests.csproj")).Should().Contain($"<PackageReference Include=\"Cortex.Responders.Testing\" Version=\"{TemplatePack.Version}\" />");
    }

    [Test]
    public async Task BuildRefusesAFlavorWhoseCommandIsNotTheExecutable()
    {
        var environment = await TemplatePack.ReadyAsync();
        var (code, output, folder) = await TemplatePack.NewAsync("Acme.Renamed", "--no-tests");
        code.Should().Be(0, output);
        await TemplatePack.UseFeedAsync(folder, environment);
        var flavor = Path.Combine(folder, "Acme.Renamed", "Acme_Renamed.json");
        await File.WriteAllTextAsync(flavor, (await File.ReadAllTextAsync(flavor)).Replace("\"Acme.Renamed/Acme.Renamed\"", "\"Acme.Renamed/renamed.py\"", StringComparison.Ordinal));

        var (built, text) = await Dotnet.RunAsync(folder, environment.Variables, "dotnet", "build", "Acme.Renamed.slnx");

        built.Should().NotBe(0);
        text.Should().Contain("Acme_Renamed.json: \"command\" is \"Acme.Renamed/renamed.py\", but the publish writes Acme.Renamed/Acme.Renamed");
    }
}
