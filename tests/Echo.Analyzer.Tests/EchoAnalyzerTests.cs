using System.Diagnostics;
using Cortex.Responders;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Workers.Analyzers.Echo.Tests;

/// <summary>The published Echo analyzer, run as Cortex's process runner runs it: its reports, and every failure path.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class EchoAnalyzerTests
{
    private const string Command = "EchoAnalyzer/EchoAnalyzer";
    private static string root = string.Empty;

    [OneTimeSetUp]
    public async Task PublishAnalyzers() => root = await PublishedAnalyzers.PublishAsync("EchoAnalyzer");

    public static IEnumerable<RecordedJob> RecordedJobs() => RecordedJob.All();

    [TestCaseSource(nameof(RecordedJobs))]
    public async Task ReportIsTheOneCortexutilsGaveOnTheSameJob(RecordedJob recorded)
    {
        using var job = recorded.CreateJob();

        var run = await job.RunAsync(root, Command);

        run.ExitCode.Should().Be(0, run.ToString());
        // The whole output, key order and artifact order included, as Python cortexutils wrote it.
        run.Output!.ToString(Formatting.None).Should().Be(recorded.Output.ToString(Formatting.None));
        run.StandardOutput.Should().BeEmpty();
    }

    [Test]
    public void RecordedJobsCoverEveryPathOfTheAnalyzer()
    {
        var jobs = RecordedJob.All().ToList();

        jobs.Should().Contain(job => job.InputFile != null, "a file observable");
        jobs.Should().Contain(job => (bool?)job.Input["config"]!["auto_extract"] == false);
        jobs.Should().Contain(job => (bool?)job.Input["config"]!["auto_extract_artifacts"] == false);
        jobs.Should().Contain(job => ((JArray)job.Output["artifacts"]!).Count > 2, "several artifacts, in order");
        jobs.Should().Contain(job => job.Input["message"] == null, "a job without message and parameters");
    }

    [Test]
    public async Task FileObservableReportsItsNameAndTheNameIsNoArtifact()
    {
        using var job = CortexJob.Create(JObject.Parse("""
            {"dataType": "file", "file": "f0", "filename": "evil.example", "message": "www.evil.example, 203.0.113.9", "config": {}}
            """));
        await File.WriteAllTextAsync(Path.Combine(job.Directory, "input", "f0"), "anything");

        var run = await job.RunAsync(root, Command);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Output!["full"]!.ToString(Formatting.None).Should().Be("""{"data":"evil.example","message":"www.evil.example, 203.0.113.9","parameters":null}""");
        run.Output!["artifacts"]!.ToString(Formatting.None).Should().Be("[]", "the message contains the file name, so it is skipped whatever else it holds");
        run.Output!["summary"]!.ToString(Formatting.None).Should().Be("""{"taxonomies":[{"level":"info","namespace":"Echo","predicate":"dataType","value":"file"}]}""");
        Directory.GetFiles(Path.Combine(job.Directory, "output")).Select(Path.GetFileName).Should().Equal("output.json");
    }

    [Test]
    public async Task AutoExtractFalseGivesNoArtifacts()
    {
        using var job = CortexJob.Create(JObject.Parse("""{"dataType": "ip", "data": "198.51.100.7", "message": "203.0.113.9", "config": {"auto_extract": false}}"""));

        var run = await job.RunAsync(root, Command);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Output!["artifacts"]!.ToString(Formatting.None).Should().Be("[]");
    }

    [TestCase("""{"dataType": "ip", "config": {}}""", "Missing data field", TestName = "NoDataEndsWithCortexutilsMessage")]
    [TestCase("""{"data": "198.51.100.7"}""", "Missing dataType field", TestName = "NoDataTypeEndsWithCortexutilsMessage")]
    [TestCase("""{"dataType": "file", "file": "f0", "config": {}}""", "Missing filename.", TestName = "FileWithoutFilenameEndsWithCortexutilsMessage")]
    [TestCase("""{"dataType": "ip", "data": "198.51.100.7", "tlp": 3, "config": {"check_tlp": true, "max_tlp": 2}}""", "TLP is higher than allowed.", TestName = "TlpAboveMaximumIsRefused")]
    [TestCase("""{"dataType": "ip", "data": "198.51.100.7", "pap": 3, "config": {"check_pap": true}}""", "PAP is higher than allowed.", TestName = "PapAboveMaximumIsRefused")]
    public async Task JobThatCannotRunEndsWithOneErrorOutput(string input, string message)
    {
        using var job = CortexJob.Create(JObject.Parse(input));

        var run = await job.RunAsync(root, Command);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Output.Should().NotBeNull(run.ToString());
        run.Success.Should().BeFalse();
        run.ErrorMessage.Should().Be(message);
    }

    [Test]
    public async Task MalformedInputEndsWithOneErrorOutput()
    {
        using var job = CortexJob.Create("{\"dataType\": \"ip\", \"data\": "u8.ToArray());

        var run = await job.RunAsync(root, Command);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Success.Should().BeFalse();
        run.ErrorMessage.Should().Contain("input.json");
    }

    [Test]
    public void PublishedFolderHoldsTheExecutableAndTheFlavorForEveryObservableType()
    {
        PublishedFolder.ShouldHoldTheExecutableAndFlavorsOnly(root, "EchoAnalyzer", "DevTools_Echo_Analyzer.json");
        var flavor = PublishedFolder.Flavor(root, "EchoAnalyzer", "DevTools_Echo_Analyzer.json");
        ((string?)flavor["name"]).Should().Be("DevTools_Echo_Analyzer");
        flavor["dataTypeList"]!.Values<string>().Should().BeEquivalentTo(ObservableTypes.All);
    }

    /// <summary>
    /// The same jobs through Python cortexutils itself, live, when it can be imported (pip install cortexutils, or
    /// CORTEXUTILS_SRC naming a folder that holds its source); otherwise the recorded outputs above stand in for it.
    /// </summary>
    [TestCaseSource(nameof(RecordedJobs))]
    public async Task ReportIsTheOneCortexutilsGivesLive(RecordedJob recorded)
    {
        var pythonPath = string.Join(':', new[] { Path.Combine(Repository.Root, "bench", "cortexutils"), Environment.GetEnvironmentVariable("CORTEXUTILS_SRC") }
            .Where(p => !string.IsNullOrEmpty(p)));
        if (await Python(pythonPath, ["-c", "import cortexutils"]) != 0)
        {
            Assert.Ignore("Python cortexutils cannot be imported here (set CORTEXUTILS_SRC or pip install cortexutils): the recorded outputs were compared instead");
        }

        using var python = recorded.CreateJob();
        using var native = recorded.CreateJob();
        (await Python(pythonPath, ["-c", "from record import EchoAnalyzer; EchoAnalyzer().run()", python.Directory])).Should().Be(0);
        var run = await native.RunAsync(root, Command);

        var expected = File.ReadAllText(python.OutputFile);
        run.Output!.ToString(Formatting.None).Should().Be(CortexJob.ReadJson(expected)!.ToString(Formatting.None));
    }

    private static async Task<int> Python(string pythonPath, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo("python3") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.Environment["PYTHONPATH"] = pythonPath;
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(limit.Token);
            await Task.WhenAll(output, error);
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
