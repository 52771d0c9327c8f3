using FluentAssertions;
using NUnit.Framework;

namespace Cortex.Responders.Cli.Tests.Validation;

/// <summary>What `validate` checks across a root: its folders, stray JSON, worker ids and shared base configs.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class RootChecksTests
{
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
    public async Task DuplicateWorkerIdAcrossTheRootIsAnError()
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
    public async Task FlavorsSharingABaseConfigWithConflictingItemsAreAnError()
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
}
