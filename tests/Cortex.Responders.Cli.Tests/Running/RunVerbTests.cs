using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Cli.Tests.Running;

/// <summary>`cortex-responder run` on the published sample workers, as Cortex runs them.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class RunVerbTests
{
    [Test]
    public async Task PublishedEchoOnACaseAsCortexRunsIt()
    {
        var root = await PublishedResponders.PublishAsync("Echo");

        var (code, output, _) = await Cli.RunAsync("run", Path.Combine(root, "Echo", "Test.json"), "--input", Repository.Fixture("thehive-alert.json"), "--json");

        code.Should().Be(0, output);
        var result = JObject.Parse(output);
        ((string?)result["verdict"]).Should().Be("success");
        ((int?)result["exitCode"]).Should().Be(0);
        result["output"]!["operations"].ShouldBeJson("""[{"type":"AddTagToAlert","tag":"test"}]""");
        result["problems"].Should().BeEmpty();
    }

    [Test]
    public async Task PublishedMailerWithATheHiveObjectAndConfigValuesDeliversToARealServer()
    {
        var root = await PublishedResponders.PublishAsync("Mailer");
        await using var server = await SmtpServer.StartAsync();
        using var work = new TemporaryDirectory();
        var caseObject = Path.Combine(work.Path, "case.json");
        await File.WriteAllTextAsync(caseObject, CortexJob.ReadJson(await File.ReadAllTextAsync(Repository.Fixture("thehive-case.json")))!["data"]!.ToString());

        var (code, output, _) = await Cli.RunAsync(
            "run", Path.Combine(root, "Mailer", "Mailer.json"), "-i", caseObject,
            "--config", "from=soc@corp.example", "--config", "smtp_host=127.0.0.1", "--config", $"smtp_port={server.Port}");

        code.Should().Be(0, output);
        output.Should().Contain("verdict: success, 1 operation(s) TheHive accepts");
        (await server.NextAsync()).RecipientsTo.Should().Equal("reporter@corp.example");
    }

    [Test]
    public async Task PublishedEchoAnalyzerOnAnIpAsCortexRunsIt()
    {
        var root = await PublishedAnalyzers.PublishAsync("EchoAnalyzer");

        var (code, output, _) = await Cli.RunAsync("run", Path.Combine(root, "EchoAnalyzer", "DevTools_Echo_Analyzer.json"), "--data-type", "ip", "--data", "198.51.100.7", "--json");

        code.Should().Be(0, output);
        var result = JObject.Parse(output);
        ((string?)result["verdict"]).Should().Be("success");
        result["problems"].Should().BeEmpty();
        ((string?)result["output"]!["full"]!["data"]).Should().Be("198.51.100.7");
        result["output"]!["summary"]!["taxonomies"].ShouldBeJson("""[{"level":"info","namespace":"Echo","predicate":"dataType","value":"ip"}]""");
        result["output"]!["artifacts"].ShouldBeJson("[]", "the extractor skips the analysed value");
    }

    [Test]
    public async Task PublishedEchoAnalyzerOnAFileGetsItInInputUnderCortexsName()
    {
        var root = await PublishedAnalyzers.PublishAsync("EchoAnalyzer");
        using var work = new TemporaryDirectory();
        var file = Path.Combine(work.Path, "reported mail.eml");
        await File.WriteAllTextAsync(file, "Subject: hello\r\n\r\nsee https://evil.example.org/login\r\n");

        var (code, output, _) = await Cli.RunAsync("run", Path.Combine(root, "EchoAnalyzer", "DevTools_Echo_Analyzer.json"), "--file", file, "--keep-job-folder", "--json");

        code.Should().Be(0, output);
        var result = JObject.Parse(output);
        var jobFolder = (string)result["jobFolder"]!;
        try
        {
            ((string?)result["output"]!["full"]!["data"]).Should().Be("reported mail.eml", "an analyzer's data for a file is its original name");
            ((string?)result["output"]!["summary"]!["taxonomies"]![0]!["value"]).Should().Be("file");
            var input = JObject.Parse(File.ReadAllText(Path.Combine(jobFolder, "input", "input.json")));
            ((string?)input["file"]).Should().MatchRegex("^attachment[0-9]+$");
            File.ReadAllText(Path.Combine(jobFolder, "input", (string)input["file"]!)).Should().Be(File.ReadAllText(file));
        }
        finally
        {
            Directory.Delete(jobFolder, recursive: true);
        }
    }
}
