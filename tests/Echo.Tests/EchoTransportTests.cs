using Cortex.Responders;
using System.Text;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Workers.Responders.Echo.Tests;

/// <summary>Which transport a job uses, and what an unreadable input gives, run as Cortex runs Echo.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class EchoTransportTests
{
    private const string Command = "Echo/Echo";
    private static string root = string.Empty;

    [OneTimeSetUp]
    public async Task PublishEcho() => root = await PublishedResponders.PublishAsync("Echo");

    [Test]
    public async Task AJobOnStandardInputStartsOnceTheWholeValueHasComeEvenIfTheWriterKeepsItOpen()
    {
        using var job = CortexJob.CreateEmpty();
        var input = JObject.Parse(File.ReadAllText(Repository.Fixture("thehive-alert.json")));
        input["config"]!["service"] = "test";

        var run = await job.RunAsync(root, Command, timeout: TimeSpan.FromSeconds(20), standardInput: Encoding.UTF8.GetBytes(input.ToString() + "\n"), keepStandardInputOpen: true);

        run.Terminated.Should().BeFalse("the job must not wait for the end of standard input: {0}", run);
        run.ExitCode.Should().Be(0, run.ToString());
        ((bool)CortexJob.ReadJson(run.StandardOutput)!["success"]!).Should().BeTrue();
    }

    [Test]
    public async Task BrokenJsonOnAnOpenStandardInputIsAnErrorWithoutWaiting()
    {
        using var job = CortexJob.CreateEmpty();

        var run = await job.RunAsync(root, Command, timeout: TimeSpan.FromSeconds(20), standardInput: "{\"dataType\": undefined"u8.ToArray(), keepStandardInputOpen: true);

        run.Terminated.Should().BeFalse(run.ToString());
        run.ExitCode.Should().Be(1);
        var report = CortexJob.ReadJson(run.StandardOutput);
        ((string?)report!["errorMessage"]).Should().Contain("is not valid JSON as Cortex writes it");
    }

    [Test]
    public async Task AnInputFileThatIsAFolderIsAnErrorInTheOutputFolder()
    {
        using var job = CortexJob.CreateEmpty();
        Directory.CreateDirectory(job.InputFile);
        Directory.CreateDirectory(Path.GetDirectoryName(job.OutputFile)!);

        var run = await job.RunAsync(root, Command, timeout: TimeSpan.FromSeconds(20));

        run.Terminated.Should().BeFalse("the job must not wait on standard input");
        run.StandardOutput.Should().BeEmpty();
        run.ExitCode.Should().Be(1);
        run.Success.Should().BeFalse(run.ToString());
        run.ErrorMessage.Should().Contain("is a folder, not a file");
        run.StandardError.Should().NotContain("   at ", "no stack trace for an input problem");
    }

    [Test]
    public async Task AnInputFolderWithoutInputJsonIsAnErrorInTheOutputFolder()
    {
        using var job = CortexJob.CreateEmpty();
        Directory.CreateDirectory(Path.GetDirectoryName(job.InputFile)!);

        var run = await job.RunAsync(root, Command, timeout: TimeSpan.FromSeconds(20));

        run.Terminated.Should().BeFalse("the job must not wait on standard input");
        run.StandardOutput.Should().BeEmpty();
        run.Success.Should().BeFalse(run.ToString());
        run.ErrorMessage.Should().Contain("has an input/ folder but no input.json");
    }

    [Test]
    public async Task AnInputFolderTheWorkerCannotSearchIsAnErrorInTheOutputFolder()
    {
        using var job = CortexJob.FromFixture("thehive-case.json", input => input["config"]!["service"] = "echo");
        PrepareForNobody(job);
        File.SetUnixFileMode(Path.GetDirectoryName(job.InputFile)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var run = await RunAsNobodyAsync(job);

        run.Terminated.Should().BeFalse("the job must not wait on standard input: {0}", run);
        run.StandardOutput.Should().BeEmpty();
        run.Success.Should().BeFalse(run.ToString());
        run.ErrorMessage.Should().Contain("cannot be read").And.Contain("check that the worker runs as a user who can read the job folder");
    }

    [Test]
    public async Task AStaleOutputThatCannotBeReplacedIsSaidOnStandardError()
    {
        using var job = CortexJob.FromFixture("thehive-case.json", input => input["config"]!["service"] = "echo");
        PrepareForNobody(job);
        File.WriteAllText(job.OutputFile, """{"success": true, "full": {"stale": true}, "operations": []}""");
        File.SetUnixFileMode(Path.GetDirectoryName(job.OutputFile)!, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        var run = await RunAsNobodyAsync(job);

        run.ExitCode.Should().Be(1, run.ToString());
        run.StandardError.Should().Contain("is stale, from before this job, and Cortex will read it as this job's answer");
    }

    /// <summary>These need a user that permissions apply to: root (CI's user) reads everything.</summary>
    private static void PrepareForNobody(CortexJob job)
    {
        if (Environment.UserName != "root" || !File.Exists("/usr/bin/setpriv"))
        {
            Assert.Ignore("needs root, to run the worker as nobody with setpriv (util-linux): as its own user, root reads everything");
        }

        var everyone = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(job.Directory, everyone);
        File.SetUnixFileMode(Path.GetDirectoryName(job.OutputFile)!, everyone);
    }

    private static Task<CortexRun> RunAsNobodyAsync(CortexJob job) =>
        job.RunAsync("/usr/bin", "setpriv", timeout: TimeSpan.FromSeconds(20), arguments: ["--reuid=65534", "--regid=65534", "--clear-groups", Path.Combine(root, Command), job.Directory]);
}
