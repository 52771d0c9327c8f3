using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Cli.Tests.Running;

/// <summary>How `run` starts the command as Cortex's process runner does: run bit, shebang, working directory, timeout.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class ProcessLaunchTests
{
    [Test]
    public async Task CommandWithoutRunBitIsCaughtBeforeRunning()
    {
        using var root = new ResponderRoot();
        root.Write("Acme/run.sh", "#!/bin/sh\n");
        var flavor = root.WriteFlavor(ResponderRoot.Flavor());

        var (code, output, _) = await Cli.RunAsync("run", flavor, "-i", Repository.Fixture("thehive-case.json"));

        code.Should().Be(1);
        output.Should().Contain("command-not-executable").And.Contain("Cortex would not load or run this flavor");
    }

    [Test]
    public async Task ScriptWithoutShebangRunsWithBinShAsTheJvmDoes()
    {
        using var root = new ResponderRoot();
        root.Write("Acme/run.sh", """printf '{"success":true,"full":{},"operations":[]}' > "$1/output/output.json" """ + "\n", executable: true);
        var flavor = root.WriteFlavor(ResponderRoot.Flavor());

        var (code, output, _) = await Cli.RunAsync("run", flavor, "-i", Repository.Fixture("thehive-case.json"));

        code.Should().Be(0, output);
    }

    [Test]
    public async Task WorkingDirectoryIsTheParentOfTheCommandsFolder()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/bin/run.sh", """pwd > "$1/output/cwd"; printf '{"success":true,"full":{},"operations":[]}' > "$1/output/output.json" """);
        var definition = ResponderRoot.Flavor();
        definition["command"] = "Acme/bin/run.sh";
        var flavor = root.WriteFlavor(definition);

        var (code, output, _) = await Cli.RunAsync("run", flavor, "-i", Repository.Fixture("thehive-case.json"), "--keep-job-folder", "--json");

        code.Should().Be(0, output);
        var jobFolder = (string)JObject.Parse(output)["jobFolder"]!;
        var cwd = File.ReadAllText(Path.Combine(jobFolder, "output", "cwd")).Trim();
        Directory.Delete(jobFolder, recursive: true);
        cwd.Should().Be(Path.Combine(root.Path, "Acme"));
    }

    [Test]
    public async Task TimeoutSendsSigtermAndAppliesTheNoOutputRule()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "trap 'echo got SIGTERM >&2; exit 143' TERM; sleep 30 & wait");
        var flavor = root.WriteFlavor(ResponderRoot.Flavor());

        var (code, output, _) = await Cli.RunAsync("run", flavor, "-i", Repository.Fixture("thehive-case.json"), "--timeout", "1", "--json");

        code.Should().Be(1);
        var result = JObject.Parse(output);
        ((bool)result["terminated"]!).Should().BeTrue();
        ((string?)result["verdict"]).Should().Be("no output");
        result["log"]!.Values<string>().Should().Contain("stderr: got SIGTERM");
        ((long)result["elapsedMs"]!).Should().BeLessThan(20_000);
    }
}
