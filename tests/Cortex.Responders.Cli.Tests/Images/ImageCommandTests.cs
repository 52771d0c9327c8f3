using System.Diagnostics;
using Cortex.Responders.Cli.Images;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using NUnit.Framework;

namespace Cortex.Responders.Cli.Tests.Images;

/// <summary>`cortex-responder image` and `run --runner` when they cannot do their job: one line that says why, and the exit code.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class ImageCommandTests
{
    [Test]
    public async Task UnknownEngineIsBadUsage()
    {
        using var root = new ResponderRoot();

        var (code, _, error) = await Cli.RunAsync("image", root.Path, "--engine", "kaniko");

        code.Should().Be(2);
        error.Should().Contain("kaniko").And.Contain("podman");
    }

    [TestCase("cortex")]
    [TestCase("1000:")]
    [TestCase("-1")]
    [TestCase("1:2:3")]
    public async Task UserThatIsNotUidOrUidGidIsBadUsage(string user)
    {
        using var root = new ResponderRoot();

        var (code, _, error) = await Cli.RunAsync("image", root.Path, "--user", user);

        code.Should().Be(2);
        error.Should().Be($"cortex-responder image: --user {user}: give UID or UID:GID as numbers (e.g. 1000 or 1000:1000)\nRun cortex-responder image --help for usage.\n");
    }

    [Test]
    public async Task MissingRootIsBadUsage()
    {
        var (code, _, error) = await Cli.RunAsync("image", "/nonexistent/responders");

        code.Should().Be(2);
        error.Should().Be("cortex-responder image: /nonexistent/responders: no such folder\nRun cortex-responder image --help for usage.\n");
    }

    [TestCase("")]
    [TestCase("example.org/base 1")]
    public async Task BaseThatIsNoImageNameIsBadUsage(string baseImage)
    {
        using var root = new ResponderRoot();

        var (code, output, error) = await Cli.RunAsync("image", root.Path, "--base", baseImage);

        code.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Be($"cortex-responder image: --base \"{baseImage}\" is not an image name\nRun cortex-responder image --help for usage.\n");
    }

    [Test]
    public async Task RootWithErrorsBuildsNothing()
    {
        using var root = new ResponderRoot();
        var flavor = ResponderRoot.Flavor();
        flavor["configurationItems"]![0]!["type"] = "integer";
        root.WriteFlavor(flavor);
        root.WriteScript("Acme/run.sh", "exit 0");

        var (code, output, error) = await Cli.RunAsync("image", root.Path, "--engine", "podman");

        code.Should().Be(1);
        error.Should().Contain("item-type").And.EndWith("error(s) in " + root.Path + ": no image built\n");
        output.Should().BeEmpty();
    }

    [Test]
    public async Task CommandWhoseFileIsMissingBuildsNothing()
    {
        using var root = new ResponderRoot();
        root.WriteFlavor(ResponderRoot.Flavor());

        var (code, _, error) = await Cli.RunAsync("image", root.Path);

        code.Should().Be(1, "the image holds the command's file");
        error.Should().Contain("no image built");
    }

    [Test]
    public async Task FlavorsOfOneFolderWithTwoCommandsBuildNothing()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "exit 0");
        root.WriteScript("Acme/other.sh", "exit 0");
        root.WriteFlavor(ResponderRoot.Flavor());
        var second = ResponderRoot.Flavor("Acme_Block");
        second["command"] = "Acme/other.sh";
        root.WriteFlavor(second, "Acme/Acme_Block.json");

        var (code, _, error) = await Cli.RunAsync("image", root.Path);

        code.Should().Be(1);
        error.Should().Contain("an image has one entry point").And.Contain("Acme/other.sh").And.Contain("Acme/run.sh");
    }

    [Test]
    public async Task FolderThatIsNoImageNameBuildsNothing()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme Tools/run.sh", "exit 0");
        var flavor = ResponderRoot.Flavor(folder: "Acme Tools");
        root.WriteFlavor(flavor, "Acme Tools/Acme_Notify.json");

        var (code, _, error) = await Cli.RunAsync("image", root.Path);

        code.Should().Be(1);
        error.Should().Contain("\"cortex-responders/acme tools:1.0\" is not a valid image name");
    }

    [Test]
    public async Task NoEngineInstalledSaysSoInOneLine()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "exit 0");
        root.WriteFlavor(ResponderRoot.Flavor());
        using var emptyPath = new TemporaryDirectory();

        var (code, error) = await RunWithPathAsync(emptyPath.Path, "image", root.Path);

        code.Should().Be(1);
        error.Should().Be("cortex-responder image: no container engine found on PATH (looked for podman, buildah, docker): install one, e.g. apt-get install podman\n");
    }

    [Test]
    public async Task RequestedEngineThatIsNotInstalledSaysSo()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "exit 0");
        root.WriteFlavor(ResponderRoot.Flavor());
        using var emptyPath = new TemporaryDirectory();

        var (code, error) = await RunWithPathAsync(emptyPath.Path, "image", root.Path, "--engine", "docker");

        code.Should().Be(1);
        error.Should().Be("cortex-responder image: docker is not installed (not found on PATH)\n");
    }

    [Test]
    public async Task RunnerWithoutAnImageIsBadUsage()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "exit 0");
        var flavor = root.WriteFlavor(ResponderRoot.Flavor());
        var input = root.Write("case.json", """{"_type": "case", "title": "t"}""");

        var (code, _, error) = await Cli.RunAsync("run", flavor, "-i", input, "--runner", "docker");

        code.Should().Be(2);
        error.Should().Be("cortex-responder run: --runner docker needs --image (the flavor has no dockerImage)\n");
    }

    [Test]
    public async Task RunnerThatCortexDoesNotHaveIsBadUsage()
    {
        using var root = new ResponderRoot();
        var flavor = root.WriteFlavor(ResponderRoot.Flavor());
        var input = root.Write("case.json", """{"_type": "case", "title": "t"}""");

        var (code, _, error) = await Cli.RunAsync("run", flavor, "-i", input, "--runner", "nomad", "--image", "x:1");

        code.Should().Be(2);
        error.Should().Contain("nomad");
    }

    [Test]
    public async Task RunnerWithoutAContainerEngineSaysSo()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "exit 0");
        var flavor = root.WriteFlavor(ResponderRoot.Flavor());
        var input = root.Write("case.json", """{"_type": "case", "title": "t"}""");
        using var emptyPath = new TemporaryDirectory();

        var (code, error) = await RunWithPathAsync(emptyPath.Path, "run", flavor, "-i", input, "--runner", "kubernetes", "--image", "cortex-responders/acme:1.0");

        code.Should().Be(1);
        error.Should().Be("cortex-responder run: --runner kubernetes: no container engine found on PATH (looked for podman, docker): install one, e.g. apt-get install podman\n");
    }

    [Test]
    public void ContainerfileHasNoRunStepAndStartsTheExecutableAsTheUser()
    {
        var image = new ResponderImage("/opt/cortex/responders/Mailer", "Mailer/Mailer", ["soc/mailer:1.0"], ["Mailer", "Mailer_Notification"]);

        var text = Containerfile.Write(image, "example.org/base:1", new ImageUser(1000, null));

        text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split(' ')[0]).Should().Equal("FROM", "COPY", "WORKDIR", "USER", "LABEL", "ENTRYPOINT");
        text.Should().Contain("FROM example.org/base:1\n").And.Contain("COPY [\"Mailer/\", \"/worker/Mailer/\"]\n").And.Contain("USER 1000\n").And.Contain("ENTRYPOINT [\"/worker/Mailer/Mailer\"]\n");
        image.ArchiveName.Should().Be("mailer.tar");
    }

    /// <summary>Runs cortex-responder as a process whose PATH is only <paramref name="path"/>: what a machine without the tools sees.</summary>
    private static async Task<(int Code, string Error)> RunWithPathAsync(string path, params string[] args)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } given ? given : Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cortex-responder.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PATH"] = path;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(limit.Token);
        await output;
        return (process.ExitCode, await error);
    }
}
