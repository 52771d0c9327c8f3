using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Cli.Tests.Validation;

/// <summary>`cortex-responder validate` as a whole: real flavors pass clean, `--kind` and `--strict`, usage errors.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class ValidateVerbTests
{
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
