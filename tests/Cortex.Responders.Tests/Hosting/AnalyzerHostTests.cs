using System.Text;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Tests.Hosting;

/// <summary>
/// Analyzers from outside: each test's analyzer, declared below, runs in its own process through
/// <see cref="AnalyzerHost"/> (<see cref="ResponderProcess"/>) on a job folder laid out as Cortex lays it out.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class AnalyzerHostTests
{
    [Test]
    public async Task FileInputIsReadFromInputAndFileArtifactIsWrittenReadOnlyIntoOutput()
    {
        using var job = CortexJob.Create(JObject.Parse("""
            {"dataType": "file", "file": "a1b2c3", "filename": "invoice.pdf", "contentType": "application/pdf", "config": {}}
            """));
        var content = Encoding.ASCII.GetBytes("%PDF-1.4 not really\n");
        await File.WriteAllBytesAsync(Path.Combine(job.Directory, "input", "a1b2c3"), content);

        var run = await ResponderProcess.RunAsync<CopyingAnalyzer>(job);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Output!["full"]!.ToString(Formatting.None).Should().Be("""{"name":"invoice.pdf","size":20}""");
        var artifact = run.Output!["artifacts"]!.Should().ContainSingle().Subject;
        ((string?)artifact["dataType"]).Should().Be("file");
        ((string?)artifact["filename"]).Should().Be("a1b2c3");
        var copy = Path.Combine(job.Directory, "output", (string)artifact["file"]!);
        File.ReadAllBytes(copy).Should().Equal(content);
        File.GetUnixFileMode(copy).Should().Be(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Directory.GetFiles(Path.Combine(job.Directory, "output")).Select(Path.GetFileName).Should().BeEquivalentTo(["output.json", (string)artifact["file"]!]);
    }

    [Test]
    public async Task FileJobOnStandardInputEndsWithAnErrorOnStandardOutput()
    {
        using var job = CortexJob.CreateEmpty();
        var input = Encoding.UTF8.GetBytes("""{"dataType": "file", "file": "a1b2c3", "filename": "invoice.pdf"}""");

        var run = await ResponderProcess.RunAsync<CopyingAnalyzer>(job, standardInput: input);

        run.ExitCode.Should().Be(1);
        var output = CortexJob.ReadJson(run.StandardOutput);
        output.Should().NotBeNull(run.ToString());
        ((bool)output!["success"]!).Should().BeFalse();
        ((string?)output["errorMessage"]).Should().Be(
            "the job came on standard input, which carries no file: run the analyzer as <command> <jobFolder> with the file in <jobFolder>/input/");
    }

    [Test]
    public async Task MissingInputFileEndsWithAnErrorOutput()
    {
        using var job = CortexJob.Create(JObject.Parse("""{"dataType": "file", "file": "a1b2c3", "filename": "invoice.pdf"}"""));

        var run = await ResponderProcess.RunAsync<CopyingAnalyzer>(job);

        run.ExitCode.Should().Be(1);
        run.ErrorMessage.Should().Be("the input file is missing: the job input's \"file\" must name a file directly inside the job's input/ folder");
        ((string?)run.Output!["input"]!["filename"]).Should().Be("invoice.pdf");
    }

    [Test]
    public async Task ThrowingAnalyzerEndsWithAnErrorOutput()
    {
        using var job = CortexJob.Create(JObject.Parse("""{"dataType": "ip", "data": "198.51.100.7", "config": {"api_key": "s3cr3t-value"}}"""));

        var run = await ResponderProcess.RunAsync<ThrowingAnalyzer>(job);

        run.ExitCode.Should().Be(1);
        run.ErrorMessage.Should().Be("InvalidOperationException: lookup failed with s3cr3t-value".Replace("s3cr3t-value", "REMOVED", StringComparison.Ordinal));
        run.ToString().Should().NotContain("s3cr3t-value");
    }

    [Test]
    public async Task HelpNamesAnAnalyzer()
    {
        using var job = CortexJob.CreateEmpty();

        var run = await job.RunAsync(AppContext.BaseDirectory, typeof(ResponderProcess).Assembly.GetName().Name!, arguments: [typeof(CopyingAnalyzer).FullName!, "--help"]);

        run.ExitCode.Should().Be(0, run.ToString());
        run.StandardOutput.Should().Contain("CopyingAnalyzer: a Cortex analyzer.");
    }

    private sealed class CopyingAnalyzer : Analyzer
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            var file = GetInputFile();
            Report(new JObject { ["name"] = file.FileName, ["size"] = file.Length });
            return Task.CompletedTask;
        }

        protected override IEnumerable<JObject> Artifacts(JObject full) => [BuildArtifact(ObservableTypes.File, GetInputFile().Path)];
    }

    private sealed class ThrowingAnalyzer : Analyzer
    {
        protected override Task RunAsync(CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"lookup failed with {GetParam<string>("config.api_key")}");
    }
}
