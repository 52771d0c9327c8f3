using FluentAssertions;
using NUnit.Framework;

namespace Cortex.Responders.Cli.Tests.Images;

/// <summary>
/// `image` with several roots, one per platform, without a builder (--dry-run): how the roots pair, and what
/// refuses them. The executables are ELF headers only: the platform is read from them, nothing runs them.
/// </summary>
[TestFixture]
public sealed class ImagePlatformTests
{
    private const ushort Amd64 = 62;
    private const ushort Arm64 = 183;

    [Test]
    public async Task TwoRootsOfTwoPlatformsGiveOneContainerfilePerPlatformOnEachPlatformsBase()
    {
        using var amd64 = Root(Amd64);
        using var arm64 = Root(Arm64);
        using var archives = new Cortex.Responders.TestSupport.TemporaryDirectory();

        var (code, output, error, _) = await CliProcess.RunAsync(
            "image", amd64.Path, arm64.Path, "--dry-run", "--prefix", "registry.example.org/soc", "--tag", "1.0", "--tag", "devel",
            "--base", "example.org/base:1", "--base", "linux/arm64=example.org/base-arm64:1", "-o", archives.Path);

        code.Should().Be(0, error);
        output.Should().Contain("# registry.example.org/soc/acme:1.0, registry.example.org/soc/acme:devel (linux/amd64)\n")
            .And.Contain("# registry.example.org/soc/acme:1.0, registry.example.org/soc/acme:devel (linux/arm64)\n");
        (await File.ReadAllTextAsync(Path.Combine(archives.Path, "acme.amd64.Containerfile"))).Should().Contain("FROM example.org/base:1\n");
        (await File.ReadAllTextAsync(Path.Combine(archives.Path, "acme.arm64.Containerfile"))).Should().Contain("FROM example.org/base-arm64:1\n");
        output.Should().EndWith($"1 Containerfile(s) written to {archives.Path}, no image built (--dry-run)\n");
    }

    [Test]
    public async Task RootsOfOnePlatformAreRefused()
    {
        using var first = Root(Amd64);
        using var second = Root(Amd64);

        var (code, _, error, _) = await CliProcess.RunAsync("image", first.Path, second.Path, "--dry-run");

        code.Should().Be(1);
        error.Should().Contain($"Acme: {Path.Combine(first.Path, "Acme")} and {Path.Combine(second.Path, "Acme")} are all linux/amd64: give one root per platform");
        error.Should().EndWith("no image built\n");
    }

    [Test]
    public async Task WorkerMissingFromOneRootIsRefused()
    {
        using var amd64 = Root(Amd64);
        using var arm64 = Root(Arm64);
        Elf(amd64, "Other/run.sh", Amd64);
        amd64.WriteFlavor(ResponderRoot.Flavor("Other_Notify", "Other"), "Other/Other_Notify.json");

        var (code, _, error, _) = await CliProcess.RunAsync("image", amd64.Path, arm64.Path, "--dry-run");

        code.Should().Be(1);
        error.Should().Contain($"Other is in {amd64.Path} but not in {arm64.Path}: every root must hold the same workers");
    }

    [Test]
    public async Task ScriptsCannotMakeAListForTheyHaveNoPlatform()
    {
        using var scripts = new ResponderRoot();
        scripts.WriteScript("Acme/run.sh", "exit 0");
        scripts.WriteFlavor(ResponderRoot.Flavor());
        using var arm64 = Root(Arm64);

        var (code, _, error, _) = await CliProcess.RunAsync("image", scripts.Path, arm64.Path, "--dry-run");

        code.Should().Be(1);
        error.Should().Contain("Acme/run.sh is no executable of a known platform (not an ELF file)");
    }

    [Test]
    public async Task OtherVersionInOneRootIsRefused()
    {
        using var amd64 = Root(Amd64);
        using var arm64 = Root(Arm64);
        var newer = ResponderRoot.Flavor();
        newer["version"] = "2.0";
        arm64.WriteFlavor(newer);

        var (code, _, error, _) = await CliProcess.RunAsync("image", amd64.Path, arm64.Path, "--dry-run");

        code.Should().Be(1);
        error.Should().Contain("publish the same version of the worker into every root");
    }

    [TestCase("linux/arm64=")]
    [TestCase("arm64=example.org/base:1")]
    public async Task PlatformBaseThatIsNotOsArchEqualsImageIsBadUsage(string value)
    {
        using var amd64 = Root(Amd64);

        var (code, _, error, _) = await CliProcess.RunAsync("image", amd64.Path, "--dry-run", "--base", value);

        code.Should().Be(2);
        error.Should().Contain($"--base \"{value}\"");
    }

    private static ResponderRoot Root(ushort machine)
    {
        var root = new ResponderRoot();
        Elf(root, "Acme/run.sh", machine);
        root.WriteFlavor(ResponderRoot.Flavor());
        return root;
    }

    /// <summary>An ELF header of <paramref name="machine"/> (little-endian, 64-bit), which is all the platform is read from.</summary>
    private static void Elf(ResponderRoot root, string relative, ushort machine)
    {
        var header = new byte[64];
        "\u007fELF"u8.CopyTo(header);
        header[4] = 2;
        header[5] = 1;
        header[6] = 1;
        header[16] = 2;
        header[18] = (byte)machine;
        header[19] = (byte)(machine >> 8);
        var path = root.Write(relative, string.Empty, executable: true);
        File.WriteAllBytes(path, header);
    }
}
