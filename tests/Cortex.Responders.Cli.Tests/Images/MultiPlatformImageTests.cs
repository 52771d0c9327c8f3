using System.Formats.Tar;
using Cortex.Responders.Cli.Images;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Cli.Tests.Images;

/// <summary>
/// Echo and the Mailer published for linux-x64 and, cross-compiled with Native AOT, for linux-arm64; `image` on
/// both roots makes one manifest list per name with podman; the arm64 images run a job under Debian's static
/// qemu-user as Cortex's Docker runner starts them, where an arm64 host would run them natively.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class MultiPlatformImageTests
{
    private const string Prefix = "localhost/cortex-test-multi";
    private const string Emulator = "/usr/bin/qemu-aarch64-static";

    private static readonly string[] Workers = ["Echo", "Mailer"];

    private static readonly string[] Tags = ["1.0", "devel"];

    private static readonly PublishedWorkers Arm64Echo = new("responders/Echo", "test-cortex-arm64", "CORTEX_ARM64_RESPONDERS_ROOT", "-r", "linux-arm64");

    private static readonly PublishedWorkers Arm64Mailer = new("responders/Mailer", "test-cortex-arm64", "CORTEX_ARM64_RESPONDERS_ROOT", "-r", "linux-arm64");

    private readonly TemporaryDirectory roots = new();
    private readonly TemporaryDirectory archives = new();

    [OneTimeSetUp]
    public async Task BuildTheListsOfBothPlatforms()
    {
        ContainerStorage.Require();
        foreach (var tool in new[] { "/usr/bin/clang", Emulator, "/usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1" })
        {
            if (!File.Exists(tool))
            {
                Assert.Ignore($"{tool} is missing: .ci/run installs the cross toolchain (apt-get install clang llvm lld gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user-static)");
            }
        }

        // The published amd64 root holds every responder; the lists are made of the two published for arm64 too.
        var everyResponder = await PublishedResponders.PublishAsync("Echo");
        await Arm64Echo.PublishAsync("Echo");
        var arm64 = await Arm64Mailer.PublishAsync("Mailer");
        var amd64 = Path.Combine(roots.Path, "amd64");
        foreach (var worker in Workers)
        {
            CopyFolder(Path.Combine(everyResponder, worker), Path.Combine(amd64, worker));
        }

        var (code, output, error) = await Cli.RunAsync(
            "image", amd64, arm64, "--base", $"linux/amd64={await LocalBase.GetAsync()}", "--base", $"linux/arm64={await LocalBase.GetAsync("arm64")}",
            "--prefix", Prefix, "--tag", Tags[0], "--tag", Tags[1], "--output", archives.Path, "--engine", "podman", "--json");
        code.Should().Be(0, error);
        JObject.Parse(output)["images"]!.Select(i => (string)i["folder"]!).Should().Equal(Workers);
    }

    [OneTimeTearDown]
    public async Task RemoveTheLists()
    {
        archives.Dispose();
        roots.Dispose();
        foreach (var worker in Workers)
        {
            foreach (var tag in Tags)
            {
                await ToolRun.RunAsync("podman", ["manifest", "rm", $"{Prefix}/{worker.ToLowerInvariant()}:{tag}"], TimeSpan.FromMinutes(1), CancellationToken.None);
            }
        }
    }

    [Test]
    public async Task EveryNameIsAManifestListOfAmd64AndArm64()
    {
        foreach (var worker in Workers)
        {
            foreach (var tag in Tags)
            {
                var list = JObject.Parse(await ContainerStorage.RunAsync("podman", "manifest", "inspect", $"{Prefix}/{worker.ToLowerInvariant()}:{tag}"));

                Platforms(list).Should().Equal(["linux/amd64", "linux/arm64"], $"{worker}:{tag}");
            }
        }
    }

    [Test]
    public async Task ArchiveIsOneOciIndexOfBothPlatforms()
    {
        var archive = Path.Combine(archives.Path, "echo.tar");
        var blobs = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await using (var tar = new TarReader(File.OpenRead(archive)))
        {
            while (await tar.GetNextEntryAsync() is { } entry)
            {
                if (entry.DataStream is { } data)
                {
                    using var copy = new MemoryStream();
                    await data.CopyToAsync(copy);
                    blobs[entry.Name] = copy.ToArray();
                }
            }
        }

        var index = JObject.Parse(System.Text.Encoding.UTF8.GetString(blobs["index.json"]));
        var list = (string)index["manifests"]!.Single()["digest"]!;
        Platforms(JObject.Parse(System.Text.Encoding.UTF8.GetString(blobs[$"blobs/sha256/{list["sha256:".Length..]}"])))
            .Should().Equal(["linux/amd64", "linux/arm64"]);
    }

    [TestCase(RunnerContract.Docker)]
    [TestCase(RunnerContract.Kubernetes)]
    public async Task Arm64EchoReportsUnderEmulationAsTheRunnerStartsIt(RunnerContract runner)
    {
        await using var image = await UnpackedImage.OpenAsync($"{Prefix}/echo:devel", "linux/arm64");
        ImagePlatform.Of(Path.Combine(image.Root, "worker", "Echo", "Echo")).Should().Be("linux/arm64");
        using var job = CortexJob.FromFixture("thehive-case.json", input => input["config"]!["service"] = "test");

        var run = await image.RunAsync(job, runner, emulator: Emulator);

        run.Success.Should().BeTrue(run.ToString());
        JToken.DeepEquals(run.Output!["operations"], JArray.Parse("""[{"type": "AddTagToCase", "tag": "test"}]""")).Should().BeTrue(run.ToString());
        Directory.GetFileSystemEntries(job.Directory, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(job.Directory, p)).Order()
            .Should().Equal(["input", "input/input.json", "output", "output/output.json"]);
    }

    [Test]
    public async Task Arm64MailerDeliversOverTlsUnderEmulation()
    {
        using var certificates = new TestCertificates();
        await using var server = await SmtpServer.StartWithTlsAsync(certificates);
        await using var image = await UnpackedImage.OpenAsync($"{Prefix}/mailer:1.0", "linux/arm64");
        using var job = CortexJob.FromFixture("thehive-case.json", input =>
        {
            input["config"]!["smtp_host"] = "localhost";
            input["config"]!["smtp_port"] = server.Port;
            input["config"]!["smtp_security"] = "starttls";
        });
        await File.WriteAllTextAsync(JobFolder.CaCertificatesFile(job.Directory), certificates.AuthorityPem);

        var run = await image.RunAsync(job, RunnerContract.Docker, emulator: Emulator);

        run.Success.Should().BeTrue(run.ToString());
        var delivery = await server.NextAsync();
        delivery.Tls.Should().BeTrue();
        delivery.RecipientsTo.Should().Equal("reporter@corp.example");
    }

    [Test]
    public async Task Amd64ImageOfTheListRunsNatively()
    {
        await using var image = await UnpackedImage.OpenAsync($"{Prefix}/echo:1.0", "linux/amd64");
        ImagePlatform.Of(Path.Combine(image.Root, "worker", "Echo", "Echo")).Should().Be("linux/amd64");
        using var job = CortexJob.FromFixture("thehive-case.json", input => input["config"]!["service"] = "test");

        var run = await image.RunAsync(job, RunnerContract.Docker);

        run.Success.Should().BeTrue(run.ToString());
    }

    private static List<string> Platforms(JObject list) =>
        list["manifests"]!.Select(m => $"{m["platform"]!["os"]}/{m["platform"]!["architecture"]}").Order(StringComparer.Ordinal).ToList();

    private static void CopyFolder(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            var copy = Path.Combine(target, Path.GetFileName(file));
            File.Copy(file, copy);
            File.SetUnixFileMode(copy, File.GetUnixFileMode(file));
        }
    }
}
