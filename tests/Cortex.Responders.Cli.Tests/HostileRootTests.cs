using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Cli.Tests;

/// <summary>
/// Roots and flavors built to hurt the CLI (issue 17's third round): FIFOs named *.json, terminal escapes and
/// line breaks in flavor names. Each runs cortex-responder as its own process, as a user does.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class HostileRootTests
{
    [TestCase("validate", TestName = "validate does not hang on a FIFO named *.json")]
    [TestCase("catalog", TestName = "catalog does not hang on a FIFO named *.json")]
    [TestCase("image", TestName = "image does not hang on a FIFO named *.json")]
    public async Task FifoInARootIsRefusedNotWaitedOn(string verb)
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "exit 0");
        root.WriteFlavor(ResponderRoot.Flavor());
        var fifo = Path.Combine(root.Path, "Acme", "Acme_Other.json");
        CliProcess.MakeFifo(fifo);

        var (code, output, error, hung) = await CliProcess.RunAsync(verb, root.Path);

        hung.Should().BeFalse($"{verb} must not wait for a writer on {fifo}");
        code.Should().Be(1, output + error);
        (output + error).Should().Contain($"{fifo}: error [not-readable] $: it is a FIFO, socket or device, not a regular file");
    }

    [Test]
    public async Task RunWithAFifoAsTheFileIsRefusedInOneLine()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "printf '{\"success\":true,\"full\":{}}' > \"$1/output/output.json\"");
        var flavor = ResponderRoot.Flavor("Acme_Lookup");
        flavor["dataTypeList"] = new JArray("ip", "file");
        var file = root.WriteFlavor(flavor);
        var fifo = Path.Combine(root.Path, "sample.eml");
        CliProcess.MakeFifo(fifo);

        var (code, output, _, hung) = await CliProcess.RunAsync("run", file, "--file", fifo);

        hung.Should().BeFalse("run --file must not wait for a writer on a FIFO");
        code.Should().Be(1);
        output.Should().StartWith($"refused: --file {fifo} is a FIFO, socket or device, not a regular file (reading it could wait for ever): give a regular file\n");
    }

    [Test]
    public async Task ValidatePrintsNoRawTerminalEscapes()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "exit 0");
        var flavor = ResponderRoot.Flavor("Acme\u001b]0;pwned\u0007\u001b[2J");
        root.WriteFlavor(flavor);

        var (code, output, error, _) = await CliProcess.RunAsync("validate", root.Path);

        code.Should().Be(1, "a control character in a name is an error");
        (output + error).Should().NotContain("\u001b").And.NotContain("\u0007");
        output.Should().Contain("[name-control] $.name: the name \"Acme\\x1b]0;pwned\\x07\\x1b[2J\" holds control characters");
    }

    [Test]
    public async Task NameWithALineBreakIsAnErrorAndBuildsNoImage()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "exit 0");
        root.WriteFlavor(ResponderRoot.Flavor("Acme\nFROM evil.example.org/base\nENV INJECTED=1\nRUN touch /pwned\n#"));

        var (code, output, error, _) = await CliProcess.RunAsync("image", root.Path, "--dry-run");

        code.Should().Be(1);
        output.Should().NotContain("FROM", "nothing is written when a flavor is refused");
        error.Should().Contain("error [name-control]").And.Contain("Acme\\nFROM evil.example.org/base\\nENV INJECTED=1");
        error.Should().NotContain("\nENV INJECTED");
    }

    [Test]
    public async Task RequiredWrittenAsYesIsFixedToTrue()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "exit 0");
        var flavor = ResponderRoot.Flavor();
        flavor["configurationItems"]![0]!["required"] = "yes";
        flavor["configurationItems"]![1]!["multi"] = "no";
        root.WriteFlavor(flavor);

        var (code, output, _, _) = await CliProcess.RunAsync("validate", root.Path);

        code.Should().Be(1);
        output.Should().Contain("fix: write \"required\": true").And.Contain("fix: write \"multi\": false");
    }
}
