using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Cli.Tests.Running;

/// <summary>How `run` judges an analyzer's report: summary, taxonomies, artifacts and the files they name.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class AnalyzerReportCheckTests
{
    public static IEnumerable<TestCaseData> BrokenAnalyzerReports()
    {
        TestCaseData Case(string report, string verdict, string problem, string name, string before = "") =>
            new TestCaseData($"{before}printf '%s' '{report}' > \"$1/output/output.json\"", verdict, problem).SetName(name);

        yield return Case("""{"success":true,"full":{},"summary":[]}""", "success", "\"summary\" is an array, not an object", "summary not an object");
        yield return Case("""{"success":true,"full":{},"summary":{"taxonomies":{}}}""", "success", "\"summary.taxonomies\" is not an array", "taxonomies not an array");
        yield return Case("""{"success":true,"full":{},"summary":{"taxonomies":[{"level":"high","namespace":"Acme","predicate":"Score","value":7}]}}""", "success", "summary.taxonomies[0]: \"level\" must be one of info, safe, suspicious, malicious, not \"high\"", "taxonomy level unknown");
        yield return Case("""{"success":true,"full":{},"summary":{"taxonomies":[{"level":"info","namespace":"Acme","value":7}]}}""", "success", "summary.taxonomies[0]: \"predicate\" must be a string", "taxonomy without predicate");
        yield return Case("""{"success":true,"full":{},"summary":{"taxonomies":[{"level":"info","namespace":"Acme","predicate":"Score"}]}}""", "success", "summary.taxonomies[0]: \"value\" must be a string or a number, not missing", "taxonomy without value");
        yield return Case("""{"success":true,"full":{},"artifacts":{"dataType":"ip"}}""", "success", "\"artifacts\" is an object, not an array", "artifacts not an array");
        yield return Case("""{"success":true,"full":{},"artifacts":[{"data":"evil.example.org"}]}""", "success", "artifacts[0]: no \"dataType\" string", "artifact without data type");
        yield return Case("""{"success":true,"full":{},"artifacts":[{"dataType":"domain","data":["evil.example.org"]}]}""", "success", "artifacts[0]: a domain artifact needs \"data\" as a string, not an array", "artifact data not a string");
        yield return Case("""{"success":true,"full":{},"artifacts":[{"dataType":"file","file":"gone.bin","filename":"x.exe"}]}""", "success", "artifacts[0]: \"file\" names output/gone.bin, which does not exist", "file artifact missing");
        yield return Case("""{"success":true,"full":{},"artifacts":[{"dataType":"file","file":"sub/x.bin","filename":"x.exe"}]}""", "success", "artifacts[0]: \"file\" is \"sub/x.bin\": Cortex only takes a file directly inside output/", "file artifact in a sub-folder", "mkdir \"$1/output/sub\"; echo x > \"$1/output/sub/x.bin\"; ");
        yield return Case("""{"success":true,"full":{},"artifacts":[{"dataType":"file","file":"x.bin"}]}""", "success", "artifacts[0]: a file artifact needs \"filename\"", "file artifact without filename", "echo x > \"$1/output/x.bin\"; ");
        yield return Case("""{"success":true,"full":{},"operations":[{"type":"AddTagToCase","tag":"x"}]}""", "success", "operations[0]: AddTagToCase acts on", "operation that does not apply to the observable");
        yield return Case("""{"success":true,"full":"done","summary":{}}""", "broken report", "\"full\" is the string \"done\", not an object", "full not an object");
    }

    [TestCaseSource(nameof(BrokenAnalyzerReports))]
    public async Task BrokenAnalyzerReportIsCaught(string script, string verdict, string problem)
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", script);
        var flavor = root.WriteFlavor(ResponderRoot.AnalyzerFlavor());

        var (code, output, _) = await Cli.RunAsync("run", flavor, "--data-type", "ip", "--data", "198.51.100.7", "--json");

        code.Should().Be(1, output);
        var result = JObject.Parse(output);
        ((string?)result["verdict"]).Should().Be(verdict);
        result["problems"]!.Values<string>().Should().ContainSingle(p => p!.Contains(problem), output);
    }

    [Test]
    public async Task GoodAnalyzerReportWithAFileArtifactIsASuccess()
    {
        using var root = new ResponderRoot();
        const string report = """{"success":true,"full":{"score":7},"summary":{"taxonomies":[{"level":"malicious","namespace":"Acme","predicate":"Score","value":7}]},"artifacts":[{"dataType":"domain","data":"evil.example.org","tags":["acme"]},{"dataType":"file","file":"dropped.bin","filename":"invoice.exe"}],"operations":[{"type":"AddTagToArtifact","tag":"acme:malicious"}]}""";
        root.WriteScript("Acme/run.sh", $"echo MZ > \"$1/output/dropped.bin\"; printf '%s' '{report}' > \"$1/output/output.json\"");
        var flavor = root.WriteFlavor(ResponderRoot.AnalyzerFlavor());

        var (code, output, _) = await Cli.RunAsync("run", flavor, "--data-type", "ip", "--data", "198.51.100.7");

        code.Should().Be(0, output);
        output.Should().EndWith("verdict: success, 1 taxonomy, 2 artifacts, 1 operation(s) TheHive accepts\n").And.NotContain("problem:");
    }
}
