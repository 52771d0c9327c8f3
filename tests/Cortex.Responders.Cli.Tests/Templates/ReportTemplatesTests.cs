using System.IO.Compression;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using NUnit.Framework;

namespace Cortex.Responders.Cli.Tests.Templates;

/// <summary>`cortex-responder report-templates`: the zip TheHive 4 and 5 import, and every way it refuses to write one.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class ReportTemplatesTests
{
    [Test]
    public async Task ZipHoldsExactlyOneLongHtmlPerWorkerId()
    {
        using var root = new ResponderRoot();
        AnalyzerTemplates.Write(root);
        AnalyzerTemplates.Write(root, "Acme_Scan", "2.1", "AcmeScan", "<div ng-if=\"success\">{{content.x}}</div><div ng-if=\"!success\">{{content.errorMessage}}</div>");
        var zip = Path.Combine(root.Path, "report-templates.zip");

        var (code, printed, error) = await Cli.RunAsync("report-templates", root.Path, "--output", zip);

        code.Should().Be(0, error);
        error.Should().BeEmpty();
        printed.Should().Contain("2 template(s) (Acme_Lookup_1_0, Acme_Scan_2_1)");
        Entries(zip).Should().Equal(
            ("Acme_Lookup_1_0/long.html", AnalyzerTemplates.Good),
            ("Acme_Scan_2_1/long.html", "<div ng-if=\"success\">{{content.x}}</div><div ng-if=\"!success\">{{content.errorMessage}}</div>"));
    }

    [Test]
    public async Task FlavorOfSeveralTakesItsOwnTemplateBeforeTheFolders()
    {
        using var root = new ResponderRoot();
        AnalyzerTemplates.Write(root);
        root.WriteFlavor(AnalyzerTemplates.Flavor("Acme_Lookup_Deep"), "AcmeLookup/Acme_Lookup_Deep.json");
        root.Write("AcmeLookup/Acme_Lookup_Deep.long.html", "deep");
        var zip = Path.Combine(root.Path, "t.zip");

        var (code, _, error) = await Cli.RunAsync("report-templates", root.Path, "-o", zip);

        code.Should().Be(0, error);
        Entries(zip).Should().Equal(("Acme_Lookup_1_0/long.html", AnalyzerTemplates.Good), ("Acme_Lookup_Deep_1_0/long.html", "deep"));
    }

    [Test]
    public async Task MissingTemplateIsAWarningNamingTheFlavor()
    {
        using var root = new ResponderRoot();
        AnalyzerTemplates.Write(root);
        AnalyzerTemplates.Write(root, "Acme_Bare", folder: "AcmeBare", template: null);
        var zip = Path.Combine(root.Path, "t.zip");

        var (code, _, error) = await Cli.RunAsync("report-templates", root.Path, "-o", zip);

        code.Should().Be(0, error);
        error.Should().Contain("Acme_Bare.json: warning [template-missing] $: the analyzer flavor Acme_Bare (Acme_Bare_1_0) has no report template")
            .And.Contain("raw JSON");
        Entries(zip).Select(e => e.Name).Should().Equal("Acme_Lookup_1_0/long.html");
    }

    [Test]
    public async Task MissingTemplateWithStrictIsAnErrorAndWritesNothing()
    {
        using var root = new ResponderRoot();
        AnalyzerTemplates.Write(root);
        AnalyzerTemplates.Write(root, "Acme_Bare", folder: "AcmeBare", template: null);
        var zip = Path.Combine(root.Path, "t.zip");

        var (code, _, error) = await Cli.RunAsync("report-templates", root.Path, "-o", zip, "--strict");

        code.Should().Be(1);
        error.Should().Contain("Acme_Bare (Acme_Bare_1_0) has no report template").And.Contain("(--strict: warnings fail): no zip written");
        File.Exists(zip).Should().BeFalse();
    }

    [Test]
    public async Task TwoFlavorsOfOneWorkerIdAreAnError()
    {
        using var root = new ResponderRoot();
        AnalyzerTemplates.Write(root, "Acme_Lookup", "1.0", "AcmeLookup");
        AnalyzerTemplates.Write(root, "Acme_Lookup", "1_0", "AcmeLookupAgain");
        var zip = Path.Combine(root.Path, "t.zip");

        var (code, _, error) = await Cli.RunAsync("report-templates", root.Path, "-o", zip);

        code.Should().Be(1);
        error.Should().Contain("error [template-duplicate-id]").And.Contain("both have the worker id Acme_Lookup_1_0")
            .And.Contain("AcmeLookup/Acme_Lookup.json").And.Contain("AcmeLookupAgain/Acme_Lookup.json").And.Contain("no zip written");
        File.Exists(zip).Should().BeFalse();
    }

    [TestCase("short.html", "TheHive 4 and 5 read long.html only; the short view is built from the report's summary.taxonomies")]
    [TestCase("report.html", "TheHive 4 and 5 read long.html only")]
    public async Task FileTheHiveIgnoresIsAWarningAndStrictFails(string file, string message)
    {
        using var root = new ResponderRoot();
        AnalyzerTemplates.Write(root);
        root.Write($"AcmeLookup/{file}", "<span>{{content.verdict}}</span>");
        var zip = Path.Combine(root.Path, "t.zip");

        var (code, _, error) = await Cli.RunAsync("report-templates", root.Path, "-o", zip);
        var (strictCode, _, _) = await Cli.RunAsync("report-templates", root.Path, "-o", zip + ".strict", "--strict");

        code.Should().Be(0, error);
        error.Should().Contain($"{file}: warning [template-ignored] $: {file} is ignored: {message}");
        Entries(zip).Select(e => e.Name).Should().Equal("Acme_Lookup_1_0/long.html");
        strictCode.Should().Be(1);
        File.Exists(zip + ".strict").Should().BeFalse();
    }

    [Test]
    public async Task SampleWarnsOnEachPathTheTemplateReadsThatTheReportLacks()
    {
        using var root = new ResponderRoot();
        AnalyzerTemplates.Write(root);
        var sample = root.Write("output.json", """{"success": true, "full": {"verdict": "bad", "hit": [], "source": {"title": "x"}}, "summary": {}, "artifacts": []}""");
        var zip = Path.Combine(root.Path, "t.zip");

        var (code, _, error) = await Cli.RunAsync("report-templates", root.Path, "-o", zip, "--sample", sample);

        code.Should().Be(0, error);
        error.Should().Contain("warning [template-sample-path] $: the template reads content.hits, which the sample report")
            .And.Contain("the template reads content.source.name, which the sample report");
        error.Should().NotContain("content.verdict,").And.NotContain("content.errorMessage", "a success report has no error message");
    }

    [Test]
    public async Task SampleThatHoldsEveryPathGivesNoWarning()
    {
        using var root = new ResponderRoot();
        AnalyzerTemplates.Write(root);
        var sample = root.Write("full.json", """{"verdict": "bad", "hits": [{"name": "a"}], "source": {"name": null}}""");
        var zip = Path.Combine(root.Path, "t.zip");

        var (code, _, error) = await Cli.RunAsync("report-templates", root.Path, "-o", zip, "--sample", sample, "--strict");

        code.Should().Be(0, error);
        error.Should().BeEmpty();
    }

    [Test]
    public async Task SampleThatIsNoJsonIsAnError()
    {
        using var root = new ResponderRoot();
        AnalyzerTemplates.Write(root);
        var sample = root.Write("output.json", "{not json");

        var (code, _, error) = await Cli.RunAsync("report-templates", root.Path, "-o", Path.Combine(root.Path, "t.zip"), "--sample", sample);

        code.Should().Be(1);
        error.Should().Contain("error [template-sample]");
    }

    [Test]
    public async Task RepositoryAnalyzersPackTheEchoTemplate()
    {
        using var target = new TemporaryDirectory();
        var zip = Path.Combine(target.Path, "report-templates.zip");

        var (code, _, error) = await Cli.RunAsync("report-templates", Path.Combine(Repository.Root, "analyzers"), "-o", zip);

        code.Should().Be(0, error);
        Entries(zip).Should().Contain(("DevTools_Echo_Analyzer_1_0/long.html", File.ReadAllText(Path.Combine(Repository.Root, "analyzers", "Echo", "long.html"))));
    }

    private static List<(string Name, string Text)> Entries(string zip)
    {
        using var archive = ZipFile.OpenRead(zip);
        return archive.Entries.Select(e =>
        {
            using var reader = new StreamReader(e.Open());
            return (e.FullName, reader.ReadToEnd());
        }).ToList();
    }
}
