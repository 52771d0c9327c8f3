using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Cortex.Responders.Testing;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Acme.Analyzer.Tests;

/// <summary>The analyzer run in-process on sample jobs, as Cortex would run it.</summary>
public sealed class AcmeAnalyzerNameAnalyzerTests
{
    private static string Job(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "jobs", name);

    private static async Task<JObject> IpJobAsync() => JObject.Parse(await File.ReadAllTextAsync(Job("ip.json")));

    [Test]
    public async Task ReportsAListedAddressWithItsSummaryAndArtifacts()
    {
        var result = await AnalyzerJob.RunAsync<AcmeAnalyzerNameAnalyzer>(await IpJobAsync());

        result.Success.Should().BeTrue(result.ErrorMessage);
        ((bool)result.Full!["listed"]!).Should().BeTrue();
        var expected = JObject.Parse("""{"taxonomies": [{"level": "malicious", "namespace": "AcmeAnalyzerName", "predicate": "Listed", "value": true}]}""");
        JToken.DeepEquals(result.Summary, expected).Should().BeTrue($"the summary is {result.Summary}");
        // The default artifacts: what the extractor finds in the report, except the analysed value itself.
        result.Artifacts.Select(a => (string?)a["data"]).Should().Equal("update.badcorp.example");
    }

    [Test]
    public async Task AnAddressNotListedIsSafe()
    {
        var input = await IpJobAsync();
        input["data"] = "192.0.2.1";

        var result = await AnalyzerJob.RunAsync<AcmeAnalyzerNameAnalyzer>(input);

        result.Success.Should().BeTrue(result.ErrorMessage);
        result.Summary!["taxonomies"]![0]!["level"]!.ToString().Should().Be("safe");
        result.Artifacts.Should().BeEmpty();
    }

    [Test]
    public async Task AFileIsHashedFromTheJobsInputFolder()
    {
        var input = await IpJobAsync();
        input.Remove("data");
        input.Remove("dataType");

        var result = await AnalyzerJob.RunOnFileAsync<AcmeAnalyzerNameAnalyzer>(Job("sample.txt"), input, "text/plain");

        result.Success.Should().BeTrue(result.ErrorMessage);
        ((string?)result.Full!["observable"]).Should().Be("sample.txt");
        ((string?)result.Full["sha256"]).Should().Be(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Job("sample.txt")))));
        ((string?)result.Full["contentType"]).Should().Be("text/plain");
        result.Summary!["taxonomies"]![0]!["level"]!.ToString().Should().Be("safe");
    }

    [Test]
    public async Task TlpAboveTheMaximumIsRefused()
    {
        var input = await IpJobAsync();
        input["tlp"] = 3;

        var result = await AnalyzerJob.RunAsync<AcmeAnalyzerNameAnalyzer>(input);

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().Be("TLP is higher than allowed.");
    }

    /// <summary>
    /// long.html, the report TheHive shows, read against the reports the analyzer writes: each content.… path it
    /// reads is in a real report (a renamed key would show blank in TheHive), and it has a success panel and an error
    /// panel showing content.errorMessage. (Cortex.Responders' own analyzers are rendered in headless Chromium; here
    /// the check needs no browser.)
    /// </summary>
    [Test]
    public async Task ReportTemplateReadsOnlyWhatTheReportsHold()
    {
        var template = await File.ReadAllTextAsync(Path.Combine(TestContext.CurrentContext.TestDirectory, "report-template", "long.html"));
        var listed = await AnalyzerJob.RunAsync<AcmeAnalyzerNameAnalyzer>(await IpJobAsync());
        var input = await IpJobAsync();
        input.Remove("data");
        input.Remove("dataType");
        var file = await AnalyzerJob.RunOnFileAsync<AcmeAnalyzerNameAnalyzer>(Job("sample.txt"), input, "text/plain");
        var reports = new[] { listed.Full!, file.Full! };

        var paths = Regex.Matches(Regex.Replace(template, "<!--.*?-->", string.Empty, RegexOptions.Singleline), @"\bcontent((?:\.[A-Za-z_$][\w$]*)+)")
            .Select(m => m.Groups[1].Value.TrimStart('.')).Distinct().Where(p => p != "errorMessage").ToList();

        paths.Should().NotBeEmpty();
        foreach (var path in paths)
        {
            reports.Should().Contain(report => report.SelectToken(path) != null, $"long.html reads content.{path}");
        }

        template.Should().MatchRegex("ng-if=\"success\"", "a success panel");
        template.Should().MatchRegex("ng-if=\"!success\"[^>]*>\\s*(<[^>]*>[^<]*)*?\\{\\{content\\.errorMessage\\}\\}", "an error panel showing the error");
    }
//#if (withConfig)

    [Test]
    public async Task MissingApiUrlSaysWhatToFixAndHidesTheKey()
    {
        var input = await IpJobAsync();
        ((JObject)input["config"]!).Remove("api_url");

        var result = await AnalyzerJob.RunAsync<AcmeAnalyzerNameAnalyzer>(input);

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().StartWith("api_url is missing");
        result.OutputText.Should().NotContain("sample-key");
    }
//#endif
}
