using Cortex.Responders.Cli.Images;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using NUnit.Framework;

namespace Cortex.Responders.Cli.Tests.Images;

/// <summary>
/// What `image` refuses to put in an image (links that leave the folder, link loops, FIFOs) and what
/// `image --dry-run` shows: each refused in one line before any engine is looked for, run as a user runs it.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class ImageFolderTests
{
    [Test]
    public async Task LinkToAnOwnerOnlyHostFileIsRefused()
    {
        using var root = new ResponderRoot();
        using var host = new TemporaryDirectory();
        root.WriteScript("Acme/run.sh", "exit 0");
        root.WriteFlavor(ResponderRoot.Flavor());
        var secret = Path.Combine(host.Path, "id_rsa");
        await File.WriteAllTextAsync(secret, "PRIVATE KEY");
        File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var link = Path.Combine(root.Path, "Acme", "settings.txt");
        File.CreateSymbolicLink(link, secret);

        var (code, output, error, hung) = await CliProcess.RunAsync("image", root.Path, "--dry-run");

        hung.Should().BeFalse();
        code.Should().Be(1);
        output.Should().BeEmpty();
        error.Should().Be($"{link} is a symbolic link to {secret}, outside {Path.Combine(root.Path, "Acme")}: the image would ship that host file; copy the file into the folder, or remove the link\ncortex-responder image: 1 error(s) in {root.Path}: no image built\n");
    }

    [Test]
    public async Task OwnerOnlyFileInAFolderOthersCanReadIsRefused()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "exit 0");
        root.WriteFlavor(ResponderRoot.Flavor());
        var secret = root.Write("Acme/api-key.txt", "s3cr3t");
        File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.SetUnixFileMode(Path.GetDirectoryName(secret)!, (UnixFileMode)0b111_101_101);

        var (code, output, error, _) = await CliProcess.RunAsync("image", root.Path, "--dry-run");

        code.Should().Be(1);
        output.Should().BeEmpty();
        error.Should().StartWith($"{secret} is readable by its owner only, in a folder others can read: the image would ship it readable by every user");
    }

    [Test]
    public async Task PublishUnderAnOwnerOnlyUmaskIsNotRefused()
    {
        // A publish under umask 077: the folder and every file are owner-only alike; nothing is hidden on purpose.
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "exit 0");
        var flavor = root.WriteFlavor(ResponderRoot.Flavor());
        File.SetUnixFileMode(flavor, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.SetUnixFileMode(Path.GetDirectoryName(flavor)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var (code, _, error, _) = await CliProcess.RunAsync("image", root.Path, "--dry-run");

        code.Should().Be(0, error);
    }

    [Test]
    public async Task FolderLinkLoopIsRefusedNotFollowed()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "exit 0");
        root.WriteFlavor(ResponderRoot.Flavor());
        var loop = Path.Combine(root.Path, "Acme", "lib", "again");
        Directory.CreateDirectory(Path.GetDirectoryName(loop)!);
        Directory.CreateSymbolicLink(loop, Path.Combine(root.Path, "Acme"));

        var (code, _, error, hung) = await CliProcess.RunAsync("image", root.Path, "--dry-run");

        hung.Should().BeFalse();
        code.Should().Be(1);
        error.Should().StartWith($"{loop} is a symbolic link to {Path.Combine(root.Path, "Acme")}, which is not a regular file (a link to a folder can loop): replace it with what it points to\n");
    }

    [Test]
    public async Task LinkToAFileOfTheFolderIsKept()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "exit 0");
        root.WriteFlavor(ResponderRoot.Flavor());
        root.Write("Acme/data/list.txt", "a\n");
        File.CreateSymbolicLink(Path.Combine(root.Path, "Acme", "list.txt"), Path.Combine(root.Path, "Acme", "data", "list.txt"));

        var (code, output, error, _) = await CliProcess.RunAsync("image", root.Path, "--dry-run");

        code.Should().Be(0, error);
        output.Should().Contain("FROM ");
    }

    [Test]
    public async Task FifoInTheFolderIsRefused()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "exit 0");
        root.WriteFlavor(ResponderRoot.Flavor());
        var fifo = Path.Combine(root.Path, "Acme", "pipe");
        CliProcess.MakeFifo(fifo);

        var (code, _, error, hung) = await CliProcess.RunAsync("image", root.Path, "--dry-run");

        hung.Should().BeFalse();
        code.Should().Be(1);
        error.Should().StartWith($"{fifo} is a FIFO, socket or device: an image holds regular files only; remove it from the folder\n");
    }

    [Test]
    public async Task DryRunPrintsAndWritesTheContainerfileWithOciLabelsAndEveryTag()
    {
        using var root = new ResponderRoot();
        using var archives = new TemporaryDirectory();
        root.WriteScript("Acme/run.sh", "exit 0");
        root.WriteFlavor(ResponderRoot.Flavor());

        var (code, output, error, _) = await CliProcess.RunAsync(
            "image", root.Path, "--dry-run", "--prefix", "registry.example.org/soc", "--tag", "1.0", "--tag", "1", "--tag", "devel",
            "--source", "https://example.org/acme.git", "--revision", "0123abc", "-o", archives.Path, "--engine", "podman");

        code.Should().Be(0, error);
        var written = await File.ReadAllTextAsync(Path.Combine(archives.Path, "acme.Containerfile"));
        output.Should().Contain(written);
        output.Should().StartWith("# registry.example.org/soc/acme:1, registry.example.org/soc/acme:1.0, registry.example.org/soc/acme:devel\n");
        output.Should().EndWith($"1 Containerfile(s) written to {archives.Path}, no image built (--dry-run)\n");
        written.Should().Contain("org.opencontainers.image.title=\"Acme\"")
            .And.Contain("org.opencontainers.image.version=\"1.0\"")
            .And.Contain("org.opencontainers.image.description=\"Notifies Acme\"")
            .And.Contain("org.opencontainers.image.licenses=\"MIT\"")
            .And.Contain("org.opencontainers.image.source=\"https://example.org/acme.git\"")
            .And.Contain("org.opencontainers.image.revision=\"0123abc\"");
        File.Exists(Path.Combine(archives.Path, "acme.tar")).Should().BeFalse("a dry run builds nothing");
    }

    [Test]
    public void FlavorTextCannotStartAnInstruction()
    {
        var hostile = "x\r\nRUN touch /pwned\nENV A=1\u2028";
        var image = new ResponderImage("/opt/r/Acme", "Acme/run.sh", ["soc/acme:1.0"], [hostile], [new("org.opencontainers.image.description", hostile)]);

        var text = Containerfile.Write(image, "example.org/base:1", new ImageUser(1000, null));

        text.Split('\n').Where(l => l.Length > 0).Select(l => l.Split(' ')[0]).Should().Equal("#", "FROM", "COPY", "WORKDIR", "USER", "LABEL", "ENTRYPOINT");
        text.Should().NotContain("\r").And.NotContain("\u2028");
    }
}
