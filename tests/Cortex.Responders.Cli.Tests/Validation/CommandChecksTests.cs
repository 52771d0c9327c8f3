using FluentAssertions;
using NUnit.Framework;

namespace Cortex.Responders.Cli.Tests.Validation;

/// <summary>What `validate` checks of a flavor's command on disk.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class CommandChecksTests
{
    [Test]
    public async Task CommandWithoutRunBitIsAnErrorWithTheFix()
    {
        using var root = new ResponderRoot();
        root.Write("Acme/run.sh", "#!/bin/sh\n");
        root.WriteFlavor(ResponderRoot.Flavor());

        var (code, output, _) = await Cli.RunAsync("validate", root.Path);

        code.Should().Be(1);
        output.Should().Contain("error [command-not-executable]").And.Contain("chmod +x");
    }
}
