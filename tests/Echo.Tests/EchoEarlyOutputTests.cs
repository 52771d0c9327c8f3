using System.Text.RegularExpressions;
using Cortex.Responders;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using NUnit.Framework;

namespace Cortex.Workers.Responders.Echo.Tests;

/// <summary>
/// The provisional output the executable's C constructor writes before the .NET runtime starts: a worker that dies
/// before the runtime is up (SIGKILL in its first milliseconds, out of memory) still leaves a valid failure output.
/// The runtime is kept from starting by an address-space limit far too small for its heap (16 MB, where the
/// executable itself still loads): the process then ends without a line of .NET code having run.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class EchoEarlyOutputTests
{
    private const string Command = "Echo/Echo";
    private const string Shell = "/bin/sh";

    /// <summary>Sets the limit, then execs the worker: its command line is then the worker's own, as Cortex runs it.</summary>
    private const string WithoutRoomForTheRuntime = "ulimit -v 16384 && exec \"$0\" \"$@\"";

    private static string root = string.Empty;

    [OneTimeSetUp]
    public async Task PublishEcho() => root = await PublishedResponders.PublishAsync("Echo");

    [Test]
    public async Task AWorkerDeadBeforeTheRuntimeStartedLeavesTheProvisionalOutput()
    {
        using var job = CortexJob.FromFixture("thehive-case.json", input => input["config"]!["service"] = "echo");

        var run = await job.RunAsync(root, Shell, arguments: ["-c", WithoutRoomForTheRuntime, Command, job.Directory]);

        run.ExitCode.Should().NotBe(0);
        run.Output.Should().NotBeNull(run.ToString());
        run.Output!.Properties().Select(p => p.Name).Should().Equal(ReportKeys.Success, ReportKeys.ErrorMessage);
        run.Success.Should().BeFalse();
        run.ErrorMessage.Should().Be(HeaderMessage(), "the C constructor and ProvisionalOutput say the same thing, from one source");
        Directory.GetFiles(Path.GetDirectoryName(job.OutputFile)!).Should().Equal([job.OutputFile], "no temporary file is left beside it");
    }

    [Test]
    public async Task TheKubernetesFormWithoutArgumentWritesItInCortexJobFolder()
    {
        using var job = CortexJob.FromFixture("thehive-case.json", input => input["config"]!["service"] = "echo");
        var environment = new Dictionary<string, string> { [JobFolder.FolderVariable] = job.Directory };

        var run = await job.RunAsync(root, Shell, arguments: ["-c", WithoutRoomForTheRuntime, Command], environment: environment);

        run.ErrorMessage.Should().Be(HeaderMessage(), run.ToString());
    }

    [Test]
    public async Task AnOutputAlreadyThereIsNotReplacedBeforeTheRuntimeStarts()
    {
        using var job = CortexJob.FromFixture("thehive-case.json", input => input["config"]!["service"] = "echo");
        const string Existing = """{"success":true,"full":{"left":"by an earlier run"},"operations":[]}""";
        await File.WriteAllTextAsync(job.OutputFile, Existing);

        await job.RunAsync(root, Shell, arguments: ["-c", WithoutRoomForTheRuntime, Command, job.Directory]);

        (await File.ReadAllTextAsync(job.OutputFile)).Should().Be(Existing);
    }

    [Test]
    public async Task WithoutInputFolderTheJobIsOnStandardInputAndNothingIsWritten()
    {
        using var job = CortexJob.CreateEmpty();

        await job.RunAsync(root, Shell, arguments: ["-c", WithoutRoomForTheRuntime, Command, job.Directory]);

        Directory.Exists(Path.Combine(job.Directory, JobFolder.OutputFolder)).Should().BeFalse("the stdin transport's report goes to standard output");
    }

    [TestCase("--help")]
    [TestCase("--version")]
    [TestCase("--unknown")]
    public async Task AnOptionRunsNoJobAndWritesNothing(string option)
    {
        using var job = CortexJob.FromFixture("thehive-case.json");
        var environment = new Dictionary<string, string> { [JobFolder.FolderVariable] = job.Directory };

        await job.RunAsync(root, Shell, arguments: ["-c", WithoutRoomForTheRuntime, Command, option], environment: environment);

        File.Exists(job.OutputFile).Should().BeFalse();
    }

    [Test]
    public async Task AJobFolderAfterADoubleDashIsTheJobFolder()
    {
        using var job = CortexJob.FromFixture("thehive-case.json");

        var run = await job.RunAsync(root, Shell, arguments: ["-c", WithoutRoomForTheRuntime, Command, "--", job.Directory]);

        run.ErrorMessage.Should().Be(HeaderMessage(), run.ToString());
    }

    [Test]
    public async Task TheRealOutputReplacesIt()
    {
        using var job = CortexJob.FromFixture("thehive-case.json", input => input["config"]!["service"] = "echo");

        var run = await job.RunAsync(root, Command);

        run.Success.Should().BeTrue(run.ToString());
        Directory.GetFiles(Path.GetDirectoryName(job.OutputFile)!).Should().Equal([job.OutputFile]);
    }

    private static string HeaderMessage()
    {
        var header = File.ReadAllText(Path.Combine(Repository.Root, "src", "Cortex.Responders", "build", "Cortex.Responders.ProvisionalMessage.h"));
        return Regex.Match(header, "#define CORTEX_PROVISIONAL_MESSAGE\\s*\\\\?\\s*\"([^\"]+)\"").Groups[1].Value;
    }
}
