using System.Diagnostics;
using Cortex.Responders.Cli.Running;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Cli.Tests.Running;

/// <summary>The job-building and process-running parts of `run`, driven in-process as a benchmark or another runner would.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class ProcessJobRunnerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task OneRunnerRunsJobsConcurrentlyEachOnItsOwnFolder()
    {
        using var root = new ResponderRoot();
        // Echoes the job's data back as the report, after a pause that makes the jobs overlap.
        var executable = root.WriteScript("Acme/run.sh", """sleep 0.2; printf '{"success":true,"full":%s,"operations":[]}' "$(cat "$1/input/input.json")" > "$1/output/output.json" """);
        var runner = new ProcessJobRunner();

        var jobs = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            var folder = await PreparedJobFolder.CreateAsync(new JObject { ["data"] = new JObject { ["id"] = i }, ["dataType"] = DataTypes.Case }, caCertificates: null);
            try
            {
                var run = await runner.RunAsync(executable, folder.Path, Timeout);
                return (Index: i, Result: ReportJudge.Judge(run, DataTypes.Case, Timeout));
            }
            finally
            {
                folder.TryDelete(out _).Should().BeTrue();
            }
        }));

        foreach (var (index, result) in jobs)
        {
            result.ExitStatus.Should().Be(0, string.Join("\n", result.Problems));
            ((int)result.Output!["full"]!["data"]!["id"]!).Should().Be(index, "each job reads its own input");
        }
    }

    [Test]
    public async Task NoOutputReportIsWrittenInTheJobFolderAsCortexWritesIt()
    {
        using var root = new ResponderRoot();
        var executable = root.WriteScript("Acme/run.sh", "echo 'half'; echo 'done' >&2; exit 1");
        var folder = await PreparedJobFolder.CreateAsync(new JObject { ["data"] = new JObject(), ["dataType"] = DataTypes.Case }, caCertificates: null);
        try
        {
            var run = await new ProcessJobRunner().RunAsync(executable, folder.Path, Timeout);

            run.ExitCode.Should().Be(1);
            var written = CortexJson.Parse(File.ReadAllBytes(JobFolder.OutputFile(folder.Path)));
            JToken.DeepEquals(written, run.NoOutputReport).Should().BeTrue(written.ToString());
            ((bool)written["success"]!).Should().BeFalse();
            ((string?)written["errorMessage"]).Should().Contain("half").And.Contain("done");
        }
        finally
        {
            folder.TryDelete(out _);
        }
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task CaBundleVariableIsSetOnlyWhenTheJobHasCaCertificates(bool withCertificates)
    {
        using var root = new ResponderRoot();
        var executable = root.WriteScript("Acme/run.sh", """printf '{"success":true,"full":{"bundle":"%s"},"operations":[]}' "${REQUESTS_CA_BUNDLE:-none}" > "$1/output/output.json" """);
        var folder = await PreparedJobFolder.CreateAsync(new JObject(), withCertificates ? "-----BEGIN CERTIFICATE-----\n" : null);
        try
        {
            var run = await new ProcessJobRunner().RunAsync(executable, folder.Path, Timeout);
            var result = ReportJudge.Judge(run, DataTypes.Case, Timeout);

            ((string?)result.Output!["full"]!["bundle"]).Should().Be(withCertificates ? JobFolder.CaCertificatesFile(folder.Path) : "none");
        }
        finally
        {
            folder.TryDelete(out _);
        }
    }

    [Test]
    public async Task JobFolderIsOwnerOnlyAsCortexMakesIt()
    {
        var folder = await PreparedJobFolder.CreateAsync(new JObject(), caCertificates: null);
        try
        {
            File.GetUnixFileMode(folder.Path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, "Cortex's Files.createTempDirectory makes it 0700");
        }
        finally
        {
            folder.TryDelete(out _);
        }
    }

    [TestCase(125)]
    [TestCase(127)]
    public async Task ContainerEngineThatCannotStartTheImageIsNotStarted(int exitCode)
    {
        var folder = await PreparedJobFolder.CreateAsync(new JObject(), caCertificates: null);
        try
        {
            // What podman run says for an image it does not have.
            var engine = Shell($"echo 'Error: cortex-responders/acme:1.0: image not known' >&2; exit {exitCode}");

            var run = await new ProcessJobRunner().RunAsync(engine, folder.Path, Timeout);
            var result = ReportJudge.Judge(run, DataTypes.Case, Timeout, RunnerNames.Docker);

            result.Verdict.Should().Be("not started");
            result.Problems.Should().Equal($"the container engine could not start the image (exit {exitCode}): Error: cortex-responders/acme:1.0: image not known");
            result.ExitStatus.Should().Be(1);
            result.Command.Should().StartWith("/bin/sh -c ");
        }
        finally
        {
            folder.TryDelete(out _);
        }
    }

    [Test]
    public async Task ResponderThatReportedIsJudgedWhateverItsExitCode()
    {
        var folder = await PreparedJobFolder.CreateAsync(new JObject(), caCertificates: null);
        try
        {
            var engine = Shell($$"""printf '{"success":true,"full":{},"operations":[]}' > "{{JobFolder.OutputFile(folder.Path)}}"; exit 127""");

            var run = await new ProcessJobRunner().RunAsync(engine, folder.Path, Timeout);
            var result = ReportJudge.Judge(run, DataTypes.Case, Timeout, RunnerNames.Docker);

            result.Verdict.Should().Be("success", "the entry point ran: it wrote its report");
            result.Warnings.Should().Contain(w => w.Contains("exited with 127"));
        }
        finally
        {
            folder.TryDelete(out _);
        }
    }

    [Test]
    public async Task KubernetesRunnerLeavesAMissingReportMissing()
    {
        var folder = await PreparedJobFolder.CreateAsync(new JObject(), caCertificates: null);
        try
        {
            var run = await new ProcessJobRunner { AtTimeout = RunnerTimeout.Of(RunnerNames.Kubernetes) }.RunAsync(Shell("echo 'half'; exit 1"), folder.Path, Timeout);
            var result = ReportJudge.Judge(run, DataTypes.Case, Timeout, RunnerNames.Kubernetes);

            File.Exists(JobFolder.OutputFile(folder.Path)).Should().BeFalse();
            run.NoOutputReport.Should().BeNull();
            result.Verdict.Should().Be("no output");
            result.Output.Should().BeNull();
            result.Problems.Should().Equal("no output/output.json: Cortex's Kubernetes runner writes nothing in its place, and the job shows no output");
        }
        finally
        {
            folder.TryDelete(out _);
        }
    }

    private static ProcessStartInfo Shell(string script)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        return start;
    }
}
