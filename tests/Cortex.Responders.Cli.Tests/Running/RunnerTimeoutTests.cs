using System.Diagnostics;
using Cortex.Responders.Cli.Running;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Cli.Tests.Running;

/// <summary>
/// Each of Cortex's runners at the job timeout, as <see cref="ProcessJobRunner"/> plays it, on a job that would write its
/// report when it gets SIGTERM: the process runner's SIGTERM (and no SIGKILL), the Docker runner's SIGKILL with the logs
/// standing in for the report, the Kubernetes runner's SIGTERM then SIGKILL with nothing in place of a missing report.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class RunnerTimeoutTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <summary>On SIGTERM: says so, and writes its report two seconds later (a clean-up that takes its time).</summary>
    private const string ReportsOnSigterm = """
        trap 'echo got SIGTERM >&2; sleep 2; printf "{\"success\":false,\"errorMessage\":\"stopped\"}" > "$0/output/output.json"; exit 1' TERM
        echo started
        while :; do sleep 1; done
        """;

    /// <summary>Ignores SIGTERM: only SIGKILL ends it.</summary>
    private const string IgnoresSigterm = """
        trap 'echo got SIGTERM >&2' TERM
        echo started
        while :; do sleep 1; done
        """;

    [Test]
    public async Task ProcessRunnerSendsSigtermAndLeavesTheWorkerItsCleanUp()
    {
        var (run, result, folder) = await RunAsync(RunnerTimeout.Of(RunnerNames.Process), ReportsOnSigterm, RunnerNames.Process);

        run.Terminated.Should().BeTrue();
        run.Killed.Should().BeFalse("Cortex's process runner never sends SIGKILL");
        run.Log.Should().Contain("stderr: got SIGTERM");
        result.Output.Should().NotBeNull(string.Join("\n", run.Log));
        ((string?)result.Output!["errorMessage"]).Should().Be("stopped", "the report written after SIGTERM is the one Cortex reads");
        result.Warnings.Should().Contain(w => w.Contains("the process got SIGTERM (and never SIGKILL", StringComparison.Ordinal));
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task DockerRunnerKillsWithoutSigtermAndTheLogsStandInForTheReport()
    {
        var (run, result, folder) = await RunAsync(RunnerTimeout.Of(RunnerNames.Docker), ReportsOnSigterm, RunnerNames.Docker);

        run.Terminated.Should().BeTrue();
        run.Killed.Should().BeTrue();
        run.Log.Should().NotContain("stderr: got SIGTERM", "the Docker runner sends no SIGTERM");
        run.NoOutputReport.Should().NotBeNull();
        ((bool)run.NoOutputReport![ReportKeys.Success]!).Should().BeFalse();
        ((string?)run.NoOutputReport[ReportKeys.ErrorMessage]).Should().Be(string.Concat(run.Log.Select(l => l[(l.IndexOf(": ", StringComparison.Ordinal) + 2)..])),
            "Cortex writes the container's logs as the message");
        result.Verdict.Should().Be("no output");
        result.Warnings.Should().Contain(w => w.Contains("the Docker runner killed the container (SIGKILL, no SIGTERM before it)", StringComparison.Ordinal));
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task KubernetesRunnerSendsSigtermThenSigkillAndWritesNothingInPlaceOfTheReport()
    {
        var shortGrace = RunnerTimeout.Of(RunnerNames.Kubernetes) with { KillAfter = TimeSpan.FromSeconds(1) };

        var (run, result, folder) = await RunAsync(shortGrace, IgnoresSigterm, RunnerNames.Kubernetes);

        run.Terminated.Should().BeTrue();
        run.Killed.Should().BeTrue("the pod outlived its grace period");
        run.NoOutputReport.Should().BeNull();
        File.Exists(JobFolder.OutputFile(folder)).Should().BeFalse("Cortex's Kubernetes runner writes nothing in place of a missing report");
        result.Verdict.Should().Be("no output");
        result.Warnings.Should().Contain(w => w.Contains("the pod got SIGTERM and, still running", StringComparison.Ordinal));
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task KubernetesRunnersGraceLetsTheWorkerReport()
    {
        var (run, result, folder) = await RunAsync(RunnerTimeout.Of(RunnerNames.Kubernetes), ReportsOnSigterm, RunnerNames.Kubernetes);

        run.Killed.Should().BeFalse();
        ((string?)result.Output?["errorMessage"]).Should().Be("stopped", string.Join("\n", run.Log));
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public void EachRunnerIsPlayedAsCortexAndKubernetesDo()
    {
        RunnerTimeout.Of(RunnerNames.Process).Should().Be(new RunnerTimeout(RunnerNames.Process, Terminates: true, KillAfter: null, WritesMissingOutput: true));
        RunnerTimeout.Of(RunnerNames.Docker).Should().Be(new RunnerTimeout(RunnerNames.Docker, Terminates: false, KillAfter: TimeSpan.Zero, WritesMissingOutput: true));
        RunnerTimeout.Of(RunnerNames.Kubernetes).Should().Be(
            new RunnerTimeout(RunnerNames.Kubernetes, Terminates: true, KillAfter: TimeSpan.FromSeconds(30), WritesMissingOutput: false));
    }

    private static async Task<(ProcessJobResult Run, RunResult Result, string Folder)> RunAsync(RunnerTimeout atTimeout, string script, string runner)
    {
        var folder = await PreparedJobFolder.CreateAsync(new JObject { ["data"] = new JObject(), ["dataType"] = DataTypes.Case }, caCertificates: null);
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-c", script, folder.Path])
        {
            start.ArgumentList.Add(argument);
        }

        var run = await new ProcessJobRunner { AtTimeout = atTimeout }.RunAsync(start, folder.Path, Timeout);
        return (run, ReportJudge.Judge(run, DataTypes.Case, Timeout, runner), folder.Path);
    }
}
