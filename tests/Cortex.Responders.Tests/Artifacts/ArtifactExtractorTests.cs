using Cortex.Responders.Artifacts;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Tests.Artifacts;

/// <summary>
/// cortexutils' extractor test suite (tests/test_suite_extractor.py), case for case, then every string of
/// Recorded/extractor.json, whose types Python cortexutils itself gave (bench/cortexutils/record.py).
/// </summary>
[TestFixture]
public sealed class ArtifactExtractorTests
{
    private readonly ArtifactExtractor extractor = new();

    [TestCase("www.google.de", "fqdn", TestName = "SingleFqdn")]
    [TestCase("google.de", "domain", TestName = "SingleDomain")]
    [TestCase("https://google.de", "url", TestName = "SingleUrl")]
    [TestCase("10.0.0.1", "ip", TestName = "SingleIpv4")]
    [TestCase("2001:0db8:85a3:08d3:1319:8a2e:0370:7344", "ip", TestName = "SingleIpv6")]
    [TestCase("b373bd6b144e7846f45a1e47ced380b8", "hash", TestName = "SingleMd5")]
    [TestCase("94d4d48ba9a79304617f8291982bf69a8ce16fb0", "hash", TestName = "SingleSha1")]
    [TestCase("7ef8b3dc5bf40268f66721a89b95f4c5f0cc08e34836f8c3a007ceed193654d4", "hash", TestName = "SingleSha256")]
    [TestCase("Mozilla/5.0 (Windows NT 10.0; WOW64; rv:52.0) Gecko/20100101 Firefox/52.0", "user-agent", TestName = "SingleUserAgent")]
    [TestCase("VeryImportant@mail.org", "mail", TestName = "SingleMail")]
    [TestCase(@"HKEY_LOCAL_MACHINE\Software\Microsoft\Windows\CurrentVersion\Run", "registry", TestName = "SingleRegistryKey")]
    [TestCase("0.001234", "", TestName = "FloatIsNotADomain")]
    [TestCase("0.1234.5678", "", TestName = "FloatIsNotAnFqdn")]
    public void CortexutilsSuiteCase(string value, string dataType) => extractor.CheckString(value).Should().Be(dataType);

    [Test]
    public void SingleFqdnAsUnicode() => extractor.CheckString("www.google.de").Should().Be("fqdn");

    [Test]
    public void IterableGivesEveryTypedStringAtAnyDepth()
    {
        var found = extractor.CheckReport(JObject.Parse("""
            {
              "results": [
                {"This is an totally unimportant key": "127.0.0.1"},
                {"Totally nested!": ["https://nestedurl.verynested.com"]}
              ],
              "some_more": "94d4d48ba9a79304617f8291982bf69a8ce16fb0",
              "another_list": ["google.de", "bing.com", "www.fqdn.de"]
            }
            """));

        // cortexutils' test sorts both lists by data; the order met is kept here, so compare it exactly.
        found.ShouldBeJson(
            JArray.Parse("""
                [
                  {"dataType": "ip", "data": "127.0.0.1"},
                  {"dataType": "url", "data": "https://nestedurl.verynested.com"},
                  {"dataType": "hash", "data": "94d4d48ba9a79304617f8291982bf69a8ce16fb0"},
                  {"dataType": "domain", "data": "google.de"},
                  {"dataType": "domain", "data": "bing.com"},
                  {"dataType": "fqdn", "data": "www.fqdn.de"}
                ]
                """));
    }

    public static IEnumerable<TestCaseData> RecordedCases()
    {
        var recorded = JObject.Parse(File.ReadAllText(Path.Combine(Repository.Root, "tests", "Cortex.Responders.Tests", "Artifacts", "Recorded", "extractor.json")));
        foreach (var entry in recorded["cases"]!)
        {
            var value = (string)entry["value"]!;
            yield return new TestCaseData(value, (string)entry["dataType"]!).SetName($"RecordedByCortexutils({Escape(value)})");
        }
    }

    [TestCaseSource(nameof(RecordedCases))]
    public void TypeIsTheOneCortexutilsGives(string value, string dataType) => extractor.CheckString(value).Should().Be(dataType);

    [Test]
    public void RecordedCasesCoverEveryTypeAndNone()
    {
        var types = RecordedCases().Select(data => (string)data.Arguments[1]!).ToHashSet();

        types.Should().BeEquivalentTo(["ip", "url", "domain", "fqdn", "hash", "user-agent", "uri_path", "registry", "mail", ""]);
    }

    [Test]
    public void StringThatContainsTheIgnoredValueIsNoArtifact()
    {
        var ignoring = new ArtifactExtractor("8.8.8.8");

        ignoring.CheckString("8.8.8.8").Should().BeEmpty();
        ignoring.CheckString("8.8.8.8 was not found in database.").Should().BeEmpty();
        ignoring.CheckString("http://8.8.8.8/").Should().BeEmpty();
        ignoring.CheckString("1.2.3.4").Should().Be("ip");
    }

    [Test]
    public void EmptyIgnoredValueIgnoresNothing() => new ArtifactExtractor(string.Empty).CheckString("1.2.3.4").Should().Be("ip");

    [Test]
    public void ReportDuplicatesAreGivenOnceAndNamesAndOtherValuesAreNotRead()
    {
        var found = new ArtifactExtractor("example.org").CheckReport(JObject.Parse("""
            {"1.2.3.4": 5, "a": ["1.2.3.4", {"b": "1.2.3.4"}, 10, true, null, 1.5],
             "c": "www.example.org", "d": "evil.example", "e": "evil.example"}
            """));

        found.ToString(Newtonsoft.Json.Formatting.None).Should().Be(
            """[{"dataType":"ip","data":"1.2.3.4"},{"dataType":"domain","data":"evil.example"}]""");
    }

    [Test]
    public void SameValueOfTwoTypesCannotHappenButSameTypeOfTwoValuesIsKept()
    {
        var found = extractor.CheckReport(new JArray("10.0.0.1", "10.0.0.2", "10.0.0.1"));

        found.Select(artifact => (string)artifact["data"]!).Should().Equal("10.0.0.1", "10.0.0.2");
    }

    private static string Escape(string value) =>
        string.Concat(value.Select(c => c < ' ' || c > '~' ? $"\\u{(int)c:x4}" : c.ToString())).Replace("(", "[", StringComparison.Ordinal).Replace(")", "]", StringComparison.Ordinal);
}
