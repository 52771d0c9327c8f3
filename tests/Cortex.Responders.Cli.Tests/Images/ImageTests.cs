using System.Formats.Tar;
using System.IO.Compression;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Cli.Tests.Images;

/// <summary>
/// `cortex-responder image` with the real builder (podman, on a Containerfile) on a local base made by
/// mmdebstrap; the images' entry points run as Cortex's Docker and Kubernetes runners start them.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ImageTests
{
    private const string Prefix = "localhost/cortex-test";
    private const string UserPrefix = "localhost/cortex-test-user";
    private const string Tag = "test";
    private const int CortexUid = 4321;

    private readonly TemporaryDirectory archives = new();
    private string root = string.Empty;
    private string baseImage = string.Empty;
    private JObject built = [];

    private static string Echo => $"{Prefix}/echo:{Tag}";

    private static string Mailer => $"{Prefix}/mailer:{Tag}";

    [OneTimeSetUp]
    public async Task BuildTheImages()
    {
        ContainerStorage.Require();
        root = await PublishedResponders.PublishAsync("Mailer");
        baseImage = await LocalBase.GetAsync();

        var (code, output, error) = await Cli.RunAsync("image", root, "--base", baseImage, "--prefix", Prefix, "--tag", Tag, "--output", archives.Path, "--engine", "podman", "--json");
        code.Should().Be(0, error);
        built = JObject.Parse(output);

        (code, _, error) = await Cli.RunAsync("image", root, "--base", baseImage, "--prefix", UserPrefix, "--tag", Tag, "--engine", "buildah", "--user", $"{CortexUid}");
        code.Should().Be(0, error);
    }

    [OneTimeTearDown]
    public async Task RemoveArchivesAndDanglingImages()
    {
        archives.Dispose();

        // The test storage is kept as a cache between runs; images a rebuild untagged are not.
        await ContainerStorage.RunAsync("buildah", "rm", "--all");
        await ContainerStorage.RunAsync("podman", "image", "prune", "--force");
    }

    [Test]
    public async Task ImagesHaveTheNamesTheCatalogGivesThem()
    {
        var (code, catalog, _) = await Cli.RunAsync("catalog", root, "--image-prefix", Prefix, "--tag", Tag);

        code.Should().Be(0);
        var named = JArray.Parse(catalog).Select(e => (string)e["dockerImage"]!).Distinct().Order().ToList();
        built["images"]!.SelectMany(i => i["images"]!.Values<string>()).Order().Should().Equal(named);
        named.Should().Contain([Echo, Mailer]);
        foreach (var name in named)
        {
            (await ContainerStorage.RunAsync("podman", "image", "inspect", "--format", "{{.Id}}", name)).Should().NotBeEmpty();
        }
    }

    [TestCase("Echo", "DevTools_Echo.json", "Test.json")]
    [TestCase("Mailer", "Mailer.json", "Mailer_Notification.json")]
    public async Task ImageHoldsTheExecutableAndFlavorsUnderWorkerWithTheExecutableAsEntryPoint(string folder, string flavor, string otherFlavor)
    {
        await using var image = await UnpackedImage.OpenAsync($"{Prefix}/{folder.ToLowerInvariant()}:{Tag}");

        image.EntryPoint.Should().Equal($"/worker/{folder}/{folder}");
        image.Config["Cmd"].Should().BeNull("Docker's runner gives no argument, Kubernetes' gives /job");
        ((string?)image.Config["User"]).Should().Be("0:0");
        ((string?)image.Config["WorkingDir"]).Should().Be("/worker");
        Directory.GetFiles(Path.Combine(image.Root, "worker", folder)).Select(Path.GetFileName).Order().Should().Equal(new[] { folder, flavor, otherFlavor }.Order());
        File.ReadAllBytes(Path.Combine(image.Root, "worker", folder, folder)).Should().Equal(File.ReadAllBytes(Path.Combine(root, folder, folder)));
        File.GetUnixFileMode(Path.Combine(image.Root, "worker", folder, folder)).Should().HaveFlag(UnixFileMode.OtherExecute);
        File.GetUnixFileMode(Path.Combine(image.Root, "worker", folder, flavor)).Should().HaveFlag(UnixFileMode.OtherRead);
    }

    [Test]
    public async Task ArchiveLoadsIntoAnotherStorageWithItsName()
    {
        using var elsewhere = new TemporaryDirectory();
        var archive = Path.Combine(archives.Path, "echo.tar");
        File.Exists(archive).Should().BeTrue();
        string[] storage = ["--root", Path.Combine(elsewhere.Path, "storage"), "--runroot", Path.Combine(elsewhere.Path, "run"), "--storage-driver", "vfs"];

        var loaded = await ContainerStorage.RunAsync("podman", [.. storage, "load", "--input", archive]);
        var listed = await ContainerStorage.RunAsync("podman", [.. storage, "images", "--format", "{{.Repository}}:{{.Tag}}"]);

        loaded.Should().Contain(Echo);
        listed.Split('\n').Should().Equal(Echo);
    }

    [TestCase(RunnerContract.Docker)]
    [TestCase(RunnerContract.Kubernetes)]
    public async Task EchoReportsOnCortexsOwnerOnlyJobFolder(RunnerContract runner)
    {
        await using var image = await UnpackedImage.OpenAsync(Echo);
        using var job = CortexJob.FromFixture("thehive-case.json", input => input["config"]!["service"] = "test");
        File.GetUnixFileMode(job.Directory).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, "Cortex's job folders are owner-only");

        var run = await image.RunAsync(job, runner);

        run.Success.Should().BeTrue(run.ToString());
        run.ExitCode.Should().Be(0, run.ToString());
        JToken.DeepEquals(run.Output!["full"], JObject.Parse("""{"message": "test"}""")).Should().BeTrue(run.ToString());
        JToken.DeepEquals(run.Output["operations"], JArray.Parse("""[{"type": "AddTagToCase", "tag": "test"}]""")).Should().BeTrue(run.ToString());
        Directory.GetFileSystemEntries(job.Directory, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(job.Directory, p)).Order()
            .Should().Equal(["input", "input/input.json", "output", "output/output.json"], "the responder writes nothing but output/output.json");
    }

    [TestCase(RunnerContract.Docker)]
    [TestCase(RunnerContract.Kubernetes)]
    public async Task MailerDeliversOverTlsTrustingTheJobsCaCertificates(RunnerContract runner)
    {
        using var certificates = new TestCertificates();
        await using var server = await SmtpServer.StartWithTlsAsync(certificates);
        await using var image = await UnpackedImage.OpenAsync(Mailer);
        using var job = CortexJob.FromFixture("thehive-case.json", input =>
        {
            input["config"]!["smtp_host"] = "localhost";
            input["config"]!["smtp_port"] = server.Port;
            input["config"]!["smtp_security"] = "starttls";
        });
        await File.WriteAllTextAsync(JobFolder.CaCertificatesFile(job.Directory), certificates.AuthorityPem);

        var run = await image.RunAsync(job, runner);

        run.Success.Should().BeTrue(run.ToString());
        JToken.DeepEquals(run.Output!["operations"], JArray.Parse("""[{"type": "AddTagToCase", "tag": "mail sent"}]""")).Should().BeTrue(run.ToString());
        var delivery = await server.NextAsync();
        delivery.Tls.Should().BeTrue();
        delivery.RecipientsTo.Should().Equal("reporter@corp.example");
    }

    [Test]
    public async Task MailerWithoutTheJobsCaCertificatesRefusesTheServer()
    {
        using var certificates = new TestCertificates();
        await using var server = await SmtpServer.StartWithTlsAsync(certificates);
        await using var image = await UnpackedImage.OpenAsync(Mailer);
        using var job = CortexJob.FromFixture("thehive-case.json", input =>
        {
            input["config"]!["smtp_host"] = "localhost";
            input["config"]!["smtp_port"] = server.Port;
        });

        var run = await image.RunAsync(job, RunnerContract.Docker);

        run.Success.Should().BeFalse(run.ToString());
        run.ErrorMessage.Should().Contain("certificate is not trusted");
        await server.ShouldReceiveNothingAsync();
    }

    [TestCase(RunnerContract.Docker)]
    [TestCase(RunnerContract.Kubernetes)]
    public async Task ImageBuiltWithUserReadsAJobFolderOwnedByThatUser(RunnerContract runner)
    {
        await using var image = await UnpackedImage.OpenAsync($"{UserPrefix}/echo:{Tag}");
        using var job = CortexJob.FromFixture("thehive-case.json", input => input["config"]!["service"] = "test");
        ChangeOwner(job.Directory, CortexUid);

        var run = await image.RunAsync(job, runner);

        ((string?)image.Config["User"]).Should().Be($"{CortexUid}");
        run.Success.Should().BeTrue(run.ToString());
        File.GetUnixFileMode(job.Directory).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Test]
    public async Task ImageBuiltWithAnotherUserCannotReadCortexsJobFolder()
    {
        // Why root is the default: Cortex's Docker runner sets no user, and only root or Cortex's own uid reads /job.
        await using var image = await UnpackedImage.OpenAsync($"{UserPrefix}/echo:{Tag}");
        using var job = CortexJob.FromFixture("thehive-case.json", input => input["config"]!["service"] = "test");

        var run = await image.RunAsync(job, RunnerContract.Docker);

        run.Success.Should().BeFalse(run.ToString());
        run.ExitCode.Should().NotBe(0);
        run.OutputBytes.Should().BeEmpty("the responder cannot even write an error into a folder it cannot enter");
    }

    [Test]
    public async Task KubernetesSecurityContextRunAsUserReadsAJobFolderOwnedByThatUser()
    {
        await using var image = await UnpackedImage.OpenAsync(Echo);
        using var job = CortexJob.FromFixture("thehive-case.json", input => input["config"]!["service"] = "test");
        ChangeOwner(job.Directory, CortexUid);

        var run = await image.RunAsync(job, RunnerContract.Kubernetes, runAs: (CortexUid, CortexUid));

        run.Success.Should().BeTrue(run.ToString());
        File.GetUnixFileMode(job.OutputFile).Should().NotBe(0);
        new FileInfo(job.OutputFile).Exists.Should().BeTrue();
    }

    [TestCase(RunnerContract.Docker)]
    [TestCase(RunnerContract.Kubernetes)]
    public async Task RunWithRunnerStartsTheImageWithTheContainerEngine(RunnerContract runner)
    {
        using var work = new TemporaryDirectory();
        var caseObject = Path.Combine(work.Path, "case.json");
        await File.WriteAllTextAsync(caseObject, """{"_type": "case", "title": "t", "tlp": 2}""");

        var (code, output, error) = await Cli.RunAsync("run", Path.Combine(root, "Echo", "Test.json"), "-i", caseObject, "--runner", runner.ToString().ToLowerInvariant(), "--image", Echo, "--engine", "podman", "--json");

        var result = JObject.Parse(output);
        if ((string?)result["verdict"] == "not started")
        {
            Assert.Ignore($"podman cannot start containers on this machine, so the run through the engine cannot be checked here: {result["problems"]![0]}");
        }

        code.Should().Be(0, output + error);
        ((string?)result["verdict"]).Should().Be("success");
        JToken.DeepEquals(result["output"]!["operations"], JArray.Parse("""[{"type": "AddTagToCase", "tag": "test"}]""")).Should().BeTrue(output);
    }

    [Test]
    public async Task ImageIsTheBasePlusTheResponderFolder()
    {
        var baseSize = await SizeAsync(baseImage);
        foreach (var folder in new[] { "Echo", "Mailer" })
        {
            var image = await SizeAsync($"{Prefix}/{folder.ToLowerInvariant()}:{Tag}");
            var files = Directory.GetFiles(Path.Combine(root, folder)).Sum(f => new FileInfo(f).Length);
            var compressed = Compressed(Path.Combine(root, folder));

            // The responder's layer is its files and a tar's headers; nothing else is added to the base.
            (image - baseSize).Should().BeInRange(files, files + (64 * 1024));
            TestContext.Out.WriteLine(
                $"{folder}: {Mb(image)} MB on the local base ({Mb(baseSize)} MB); its layer {Mb(image - baseSize)} MB, {Mb(compressed)} MB compressed; "
                + $"on runtime-deps:10.0-noble-chiseled (about 5.5 MB compressed) about {Mb(compressed) + 5.5m:0.0} MB to pull");
        }
    }

    private static async Task<long> SizeAsync(string image) => long.Parse(await ContainerStorage.RunAsync("podman", "image", "inspect", "--format", "{{.Size}}", image), System.Globalization.CultureInfo.InvariantCulture);

    private static long Compressed(string folder)
    {
        using var layer = new MemoryStream();
        using (var gzip = new GZipStream(layer, CompressionLevel.Optimal, leaveOpen: true))
        {
            TarFile.CreateFromDirectory(folder, gzip, includeBaseDirectory: true);
        }

        return layer.Length;
    }

    private static decimal Mb(long bytes) => Math.Round(bytes / 1_000_000m, 1);

    private static void ChangeOwner(string folder, int uid)
    {
        foreach (var path in Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories).Append(folder))
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path));
            Chown(path, uid, uid).Should().Be(0, $"chown {path}");
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "chown", SetLastError = true, CharSet = System.Runtime.InteropServices.CharSet.Ansi, BestFitMapping = false)]
    private static extern int Chown(string path, int owner, int group);
}
