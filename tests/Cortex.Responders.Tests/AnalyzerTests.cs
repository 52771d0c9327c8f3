using System.Text;
using Cortex.Responders.Testing;
using FluentAssertions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Tests;

/// <summary>
/// The analyzer, in-process: cortexutils' analyzer and integration test suites (tests/test_suite_analyzer.py,
/// tests/test_suite_integration.py) on the same fixtures, then what an analyzer adds to a worker (file input,
/// summary, taxonomies, artifacts, operations), with the analyzers declared below.
/// </summary>
[TestFixture]
public sealed class AnalyzerTests
{
    private const string Minimal = """{"dataType": "ip", "data": "1.1.1.1"}""";

    [Test]
    public async Task MinimalConfigGivesCortexutilsDefaults()
    {
        var result = await AnalyzerJob.RunAsync<FieldsAnalyzer>(JObject.Parse(Minimal));

        result.Success.Should().BeTrue(result.OutputText);
        result.Full!.ToString(Formatting.None).Should().Be(
            """{"dataType":"ip","tlp":2,"pap":2,"httpProxy":null,"httpsProxy":null,"data":"1.1.1.1","param":"1.1.1.1"}""");
    }

    [Test]
    public async Task ProxyConfigIsRead()
    {
        var result = await AnalyzerJob.RunAsync<FieldsAnalyzer>(JObject.Parse("""
            {"dataType": "ip", "data": "1.1.1.1", "config": {"proxy": {"http": "http://local.proxy:8080", "https": "http://local.proxy:8080"}}}
            """));

        ((string?)result.Full!["httpProxy"]).Should().Be("http://local.proxy:8080");
        ((string?)result.Full!["httpsProxy"]).Should().Be("http://local.proxy:8080");
    }

    [TestCase(false, 1, 3, true, TestName = "TlpCheckRunsOrRefusesAsCortexutils(disabled: runs)")]
    [TestCase(true, 1, 3, false, TestName = "TlpCheckRunsOrRefusesAsCortexutils(enabled, 3 above max 1: refused)")]
    [TestCase(true, 3, 3, true, TestName = "TlpCheckRunsOrRefusesAsCortexutils(enabled, 3 at max 3: runs)")]
    public async Task TlpCheckRunsOrRefusesAsCortexutils(bool check, int max, int tlp, bool runs)
    {
        var input = JObject.Parse(Minimal);
        input["tlp"] = tlp;
        input["config"] = new JObject { ["check_tlp"] = check, ["max_tlp"] = max };

        var result = await AnalyzerJob.RunAsync<FieldsAnalyzer>(input);

        result.Success.Should().Be(runs, result.OutputText);
        result.ErrorMessage.Should().Be(runs ? null : "TLP is higher than allowed.");
    }

    [Test]
    public async Task ErrorResponseMasksSecretsAndGivesTheInputBack()
    {
        var result = await AnalyzerJob.RunAsync<ErrorAnalyzer>(JObject.Parse("""
            {"dataType": "ip", "data": "1.1.1.1",
             "config": {"password": "secret", "key": "secret", "apikey": "secret", "api_key": "secret",
                        "apiSecret": "secret", "api_Pass": "secret", "API": "secret"}}
            """));

        result.ExitCode.Should().Be(1);
        result.ErrorMessage.Should().Be("Error");
        ((string?)result.ErrorInput!["dataType"]).Should().Be("ip");
        ((string?)result.ErrorInput!["data"]).Should().Be("1.1.1.1");
        var config = (JObject)result.ErrorInput!["config"]!;
        foreach (var key in new[] { "password", "key", "apikey", "api_key", "apiSecret" })
        {
            ((string?)config[key]).Should().Be("REMOVED", key);
        }

        // As for responders (CortexutilsParityTests): cortexutils keeps these two, this port's wider phrases do not.
        ((string?)config["api_Pass"]).Should().Be("REMOVED");
        ((string?)config["API"]).Should().Be("REMOVED");
    }

    [Test]
    public async Task ReportResponseIsASuccessWithTheFullReport()
    {
        var result = await AnalyzerJob.RunAsync<ReportAnalyzer>(JObject.Parse(Minimal));

        result.Success.Should().BeTrue(result.OutputText);
        result.Output!.ContainsKey("errorMessage").Should().BeFalse();
        ((string?)result.Full!["report_id"]).Should().Be("12345");
        result.Output!.Properties().Select(p => p.Name).Should().Equal("success", "summary", "artifacts", "operations", "full");
        result.Summary.Should().BeEmpty();
        result.Operations.Should().BeEmpty();
    }

    [Test]
    public async Task IntegrationArtifactIsExtractedAndTheAnalysedValueIsNot()
    {
        var result = await AnalyzerJob.RunAsync<ResultAnalyzer>(JObject.Parse("""{"data": "8.8.8.8", "dataType": "ip", "config": {"result": "1.2.3.4"}}"""));

        result.Output!["artifacts"]!.ToString(Formatting.None).Should().Be("""[{"dataType":"ip","data":"1.2.3.4"}]""");
        result.Output!["artifacts"]!.ToString().Should().NotContain("8.8.8.8");
    }

    [Test]
    public async Task IntegrationStringWithTheAnalysedValueGivesNoArtifact()
    {
        var result = await AnalyzerJob.RunAsync<ResultAnalyzer>(
            JObject.Parse("""{"data": "8.8.8.8", "dataType": "ip", "config": {"result": "8.8.8.8 was not found in database."}}"""));

        result.Artifacts.Should().BeEmpty();
    }

    [TestCase("""{"auto_extract": false}""", false)]
    [TestCase("""{"auto_extract_artifacts": false}""", false)]
    [TestCase("""{"auto_extract": true, "auto_extract_artifacts": false}""", true)]
    [TestCase("""{"auto_extract": false, "auto_extract_artifacts": true}""", false)]
    [TestCase("""{"auto_extract": null, "auto_extract_artifacts": false}""", false)]
    [TestCase("""{}""", true)]
    public async Task AutoExtractionFollowsConfig(string config, bool extracted)
    {
        var input = JObject.Parse("""{"data": "8.8.8.8", "dataType": "ip"}""");
        input["config"] = JObject.Parse(config);
        ((JObject)input["config"]!)["result"] = "1.2.3.4";

        var result = await AnalyzerJob.RunAsync<ResultAnalyzer>(input);

        result.Success.Should().BeTrue(result.OutputText);
        result.Artifacts.Should().HaveCount(extracted ? 1 : 0);
    }

    [Test]
    public async Task FileJobGivesTheFileNameAsDataAndTheInputPathAsFile()
    {
        using var folder = new TestSupport.TemporaryDirectory();
        var file = Path.Combine(folder.Path, "sample.eml");
        await File.WriteAllTextAsync(file, "From: a@example.org\r\n\r\nhello\r\n");

        var result = await AnalyzerJob.RunOnFileAsync<FileAnalyzer>(file, contentType: "message/rfc822");

        result.Success.Should().BeTrue(result.OutputText);
        ((string?)result.Full!["data"]).Should().Be("sample.eml");
        ((string?)result.Full!["file"]).Should().EndWith($"{Path.DirectorySeparatorChar}input{Path.DirectorySeparatorChar}attachment");
        ((string?)result.Full!["fileName"]).Should().Be("sample.eml");
        ((string?)result.Full!["contentType"]).Should().Be("message/rfc822");
        ((long)result.Full!["length"]!).Should().Be(new FileInfo(file).Length);
        ((string?)result.Full!["content"]).Should().Be("From: a@example.org\r\n\r\nhello\r\n");
    }

    [Test]
    public async Task FileNameIsIgnoredByTheExtractor()
    {
        using var folder = new TestSupport.TemporaryDirectory();
        var file = Path.Combine(folder.Path, "evil.example");
        await File.WriteAllTextAsync(file, "x");

        var result = await AnalyzerJob.RunOnFileAsync<FileAnalyzer>(file, JObject.Parse("""{"config": {"result": "www.evil.example"}}"""));

        result.Success.Should().BeTrue(result.OutputText);
        result.Artifacts.Should().BeEmpty("every string that contains the file name is skipped, the full report's file path too");
    }

    [TestCase("missing", TestName = "FileThatIsNotInInputIsMissing")]
    [TestCase("../input/attachment", TestName = "FileThatIsAPathIsMissing")]
    [TestCase("..", TestName = "FileThatIsDotDotIsMissing")]
    public async Task FileThatIsNoFileOfTheJobEndsTheJob(string name)
    {
        using var folder = new TestSupport.TemporaryDirectory();
        var file = Path.Combine(folder.Path, "sample.txt");
        await File.WriteAllTextAsync(file, "x");

        var result = await AnalyzerJob.RunOnFileAsync<FileAnalyzer>(file, new JObject { ["file"] = name });

        result.ExitCode.Should().Be(1);
        result.ErrorMessage.Should().Be("the input file is missing: the job input's \"file\" must name a file directly inside the job's input/ folder");
    }

    [Test]
    public async Task FileJobWithoutFilenameEndsWithCortexutilsMessage()
    {
        using var folder = new TestSupport.TemporaryDirectory();
        var file = Path.Combine(folder.Path, "sample.txt");
        await File.WriteAllTextAsync(file, "x");

        var result = await AnalyzerJob.RunOnFileAsync<ReportAnalyzer>(file, new JObject { ["filename"] = null });

        result.ErrorMessage.Should().Be("Missing filename.");
    }

    [Test]
    public async Task InputFileOfAnObservableThatIsNoFileEndsTheJob()
    {
        var result = await AnalyzerJob.RunAsync<FileAnalyzer>(JObject.Parse(Minimal));

        result.ExitCode.Should().Be(1);
        result.ErrorMessage.Should().StartWith("this job's data type is \"ip\", not \"file\"");
    }

    [Test]
    public async Task MissingDataEndsWithCortexutilsMessage()
    {
        var result = await AnalyzerJob.RunAsync<ReportAnalyzer>(JObject.Parse("""{"dataType": "ip"}"""));

        result.ErrorMessage.Should().Be("Missing data field");
    }

    [TestCase("info", "info")]
    [TestCase("safe", "safe")]
    [TestCase("suspicious", "suspicious")]
    [TestCase("malicious", "malicious")]
    [TestCase("critical", "info")]
    [TestCase("Malicious", "info")]
    [TestCase("", "info")]
    public async Task TaxonomyLevelIsOneOfFourElseInfo(string level, string expected)
    {
        var input = JObject.Parse(Minimal);
        input["config"] = new JObject { ["level"] = level };

        var result = await AnalyzerJob.RunAsync<TaxonomyAnalyzer>(input);

        result.Summary!.ToString(Formatting.None).Should().Be(
            $$"""{"taxonomies":[{"level":"{{expected}}","namespace":"Test","predicate":"Score","value":3}]}""");
    }

    [Test]
    public async Task FailingSummaryGivesAnEmptyOneAndTheReportStands()
    {
        var result = await AnalyzerJob.RunAsync<FailingSummaryAnalyzer>(JObject.Parse(Minimal));

        result.Success.Should().BeTrue(result.OutputText);
        result.Summary.Should().BeEmpty();
        result.Log.Should().Contain("Summary failed").And.Contain("no summary today");
    }

    [Test]
    public async Task FailingArtifactsEndTheJobWithAnError()
    {
        var result = await AnalyzerJob.RunAsync<FailingArtifactsAnalyzer>(JObject.Parse(Minimal));

        result.ExitCode.Should().Be(1);
        result.ErrorMessage.Should().Be("Artifacts failed, so the report cannot be written: InvalidOperationException: no artifacts today");
    }

    [Test]
    public async Task FileArtifactIsCopiedIntoOutputUnderAFreshNameAndReferenced()
    {
        using var folder = new TestSupport.TemporaryDirectory();
        var file = Path.Combine(folder.Path, "payload.bin");
        await File.WriteAllBytesAsync(file, [1, 2, 3, 250]);

        var result = await AnalyzerJob.RunOnFileAsync<FileArtifactAnalyzer>(file);

        result.Success.Should().BeTrue(result.OutputText);
        result.Artifacts.Should().HaveCount(3);
        var files = result.Artifacts.Where(a => (string?)a["dataType"] == "file").ToList();
        files.Should().HaveCount(2);
        files.Select(a => (string)a["file"]!).Should().OnlyHaveUniqueItems();
        foreach (var artifact in files)
        {
            artifact.Properties().Select(p => p.Name).Should().Equal("message", "dataType", "file", "filename");
            ((string?)artifact["filename"]).Should().Be("attachment", "the file copied is the job's input/attachment");
            ((string?)artifact["message"]).Should().Be("the input itself");
            var name = (string)artifact["file"]!;
            name.Should().NotBe("output.json").And.NotContain("/");
            result.OutputFiles[name].Should().Equal(1, 2, 3, 250);
        }

        result.Artifacts.Should().ContainSingle(a => (string?)a["dataType"] == "hash")
            .Which.ToString(Formatting.None).Should().Be("""{"tags":["x"],"dataType":"hash","data":"b373bd6b144e7846f45a1e47ced380b8"}""");
    }

    [Test]
    public async Task FileArtifactOfAPathThatIsNoFileEndsTheJob()
    {
        var input = JObject.Parse(Minimal);
        input["config"] = new JObject { ["path"] = "/nonexistent/payload.bin" };

        var result = await AnalyzerJob.RunAsync<FileArtifactAnalyzer>(input);

        result.ExitCode.Should().Be(1);
        result.ErrorMessage.Should().Be("BuildArtifact(\"file\", …) was given \"/nonexistent/payload.bin\", which is not a file: give the path of the file to attach");
    }

    [Test]
    public async Task OperationsOfAnAnalyzerAreReportedAndActOnTheObservable()
    {
        var result = await AnalyzerJob.RunAsync<TaggingAnalyzer>(JObject.Parse(Minimal));

        result.Success.Should().BeTrue(result.OutputText);
        result.Output!["operations"]!.ToString(Formatting.None).Should().Be("""[{"type":"AddTagToArtifact","tag":"seen"},{"type":"AddTagToCase","tag":"seen"}]""");
        result.Log.Should().NotContain("AddTagToArtifact cannot follow").And.Contain("AddTagToCase cannot follow a job on thehive:case_artifact");
    }

    [Test]
    public async Task FailingOperationsGiveNoneAndTheReportStands()
    {
        var result = await AnalyzerJob.RunAsync<FailingOperationsAnalyzer>(JObject.Parse(Minimal));

        result.Success.Should().BeTrue(result.OutputText);
        result.Operations.Should().BeEmpty();
    }

    [Test]
    public async Task NonAsciiReportIsWrittenUnescaped()
    {
        var input = JObject.Parse(Minimal);
        input["config"] = new JObject { ["result"] = "été — www.münchen.de" };

        var result = await AnalyzerJob.RunAsync<ResultAnalyzer>(input);

        result.OutputText.Should().Contain("été — www.münchen.de");
        Encoding.UTF8.GetByteCount(result.OutputText).Should().BeGreaterThan(result.OutputText.Length);
    }

    private sealed class FieldsAnalyzer : Analyzer
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Report(new JObject
            {
                ["dataType"] = DataType,
                ["tlp"] = Tlp,
                ["pap"] = Pap,
                ["httpProxy"] = HttpProxy,
                ["httpsProxy"] = HttpsProxy,
                ["data"] = GetObservable(),
                ["param"] = GetParam<string>("data"),
            });
            return Task.CompletedTask;
        }

        protected override IEnumerable<JObject> Artifacts(JObject full) => [];
    }

    private sealed class ErrorAnalyzer : Analyzer
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Error("Error");
            return Task.CompletedTask;
        }
    }

    private sealed class ReportAnalyzer : Analyzer
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Report(new JObject { ["report_id"] = "12345", ["data"] = GetObservable() });
            return Task.CompletedTask;
        }
    }

    /// <summary>Reports config.result as cortexutils' integration tests report their fixed results.</summary>
    private sealed class ResultAnalyzer : Analyzer
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Report(new JObject { ["result"] = GetParam<string>("config.result") });
            return Task.CompletedTask;
        }
    }

    private sealed class FileAnalyzer : Analyzer
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            var file = GetInputFile();
            using var reader = new StreamReader(file.OpenRead());
            Report(new JObject
            {
                ["data"] = GetObservable(),
                ["file"] = GetParam<string>("file"),
                ["fileName"] = file.FileName,
                ["contentType"] = file.ContentType,
                ["length"] = file.Length,
                ["content"] = reader.ReadToEnd(),
                ["result"] = GetParam<string>("config.result"),
            });
            return Task.CompletedTask;
        }
    }

    private sealed class TaxonomyAnalyzer : Analyzer
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Report(new JObject { ["level"] = GetParam<string>("config.level") });
            return Task.CompletedTask;
        }

        protected override JObject Summary(JObject full) =>
            new() { ["taxonomies"] = new JArray(BuildTaxonomy((string)full["level"]!, "Test", "Score", 3)) };
    }

    private sealed class FailingSummaryAnalyzer : Analyzer
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Report(new JObject { ["ok"] = true });
            return Task.CompletedTask;
        }

        protected override JObject Summary(JObject full) => throw new InvalidOperationException("no summary today");
    }

    private sealed class FailingArtifactsAnalyzer : Analyzer
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Report(new JObject { ["ok"] = true });
            return Task.CompletedTask;
        }

        protected override IEnumerable<JObject> Artifacts(JObject full) => throw new InvalidOperationException("no artifacts today");
    }

    private sealed class FileArtifactAnalyzer : Analyzer
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Report(new JObject { ["path"] = GetParam<string>("config.path") ?? GetInputFile().Path });
            return Task.CompletedTask;
        }

        protected override IEnumerable<JObject> Artifacts(JObject full) =>
        [
            BuildArtifact(ObservableTypes.File, (string)full["path"]!, new JObject { ["message"] = "the input itself" }),
            BuildArtifact(ObservableTypes.File, (string)full["path"]!, new JObject { ["message"] = "the input itself" }),
            BuildArtifact(ObservableTypes.Hash, "b373bd6b144e7846f45a1e47ced380b8", new JObject { ["tags"] = new JArray("x") }),
        ];
    }

    private sealed class TaggingAnalyzer : Analyzer
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Report(new JObject { ["seen"] = true });
            return Task.CompletedTask;
        }

        protected override IEnumerable<Operation> Operations(JObject full) => [Operation.AddTagToArtifact("seen"), Operation.AddTagToCase("seen")];
    }

    private sealed class FailingOperationsAnalyzer : Analyzer
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Report(new JObject { ["seen"] = true });
            return Task.CompletedTask;
        }

        protected override IEnumerable<Operation> Operations(JObject full) => throw new InvalidOperationException("no operations today");
    }
}
