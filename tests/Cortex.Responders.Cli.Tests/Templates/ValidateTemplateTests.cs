using FluentAssertions;
using NUnit.Framework;

namespace Cortex.Responders.Cli.Tests.Templates;

/// <summary>`cortex-responder validate` on an analyzer's report template: a success and an error panel, and no file TheHive ignores.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class ValidateTemplateTests
{
    [Test]
    public async Task TemplateWithBothPanelsPassesStrict()
    {
        using var root = new ResponderRoot();
        AnalyzerTemplates.Write(root);

        var (code, printed, _) = await Cli.RunAsync("validate", root.Path, "--strict");

        code.Should().Be(0, printed);
        printed.Should().NotContain("template-");
    }

    [TestCase("<div>{{content.verdict}}</div>", true, true, TestName = "TemplateWithoutPanelsHasTwoWarnings")]
    [TestCase("<div class=\"x\" ng-if=\"success\">{{content.verdict}}</div>", false, true, TestName = "TemplateWithoutErrorPanelIsWarned")]
    [TestCase("<div ng-if=\"success\">{{content.verdict}}</div><div ng-if=\"!success\">The job failed</div>", false, true,
        TestName = "ErrorPanelThatHidesTheErrorMessageIsWarned")]
    [TestCase("<div ng-if=\"success\"><p>x</p></div><div ng-if=\"!success\"><div>failed</div></div><p>{{content.errorMessage}}</p>", false, true,
        TestName = "ErrorMessageOutsideTheErrorPanelIsWarned")]
    [TestCase("<div ng-if=\"!success\">{{content.errorMessage}}</div>", true, false, TestName = "TemplateWithoutSuccessPanelIsWarned")]
    [TestCase("<div ng-if='success'>a</div><section ng-if=' ! success '><div><b>{{content.errorMessage}}</b></div></section>", false, false,
        TestName = "PanelsOfAnyTagAndQuotePass")]
    public async Task TemplatePanelsAreChecked(string template, bool lacksSuccess, bool lacksError)
    {
        using var root = new ResponderRoot();
        AnalyzerTemplates.Write(root, template: template);

        var (code, printed, _) = await Cli.RunAsync("validate", root.Path, "--strict");

        code.Should().Be(lacksSuccess || lacksError ? 1 : 0, printed);
        printed.Contains("long.html: warning [template-success-panel]", StringComparison.Ordinal).Should().Be(lacksSuccess, printed);
        printed.Contains("long.html: warning [template-error-panel] $: the template has no error panel (ng-if=\"!success\" showing content.errorMessage)",
            StringComparison.Ordinal).Should().Be(lacksError, printed);
    }

    [Test]
    public async Task ShortHtmlIsWarnedAsIgnoredByTheHive()
    {
        using var root = new ResponderRoot();
        AnalyzerTemplates.Write(root);
        root.Write("AcmeLookup/short.html", "<span>{{content.verdict}}</span>");

        var (code, printed, _) = await Cli.RunAsync("validate", root.Path);

        code.Should().Be(0, printed);
        printed.Should().Contain("short.html: warning [template-ignored] $: short.html is ignored: TheHive 4 and 5 read long.html only; the short view is built from the report's summary.taxonomies");
    }

    [Test]
    public async Task ResponderFolderIsNotCheckedForTemplates()
    {
        using var root = new ResponderRoot();
        root.WriteFlavor(ResponderRoot.Flavor());
        root.WriteScript("Acme/run.sh", "exit 0");
        root.Write("Acme/long.html", "<div>no panels</div>");

        var (_, printed, _) = await Cli.RunAsync("validate", root.Path);

        printed.Should().NotContain("template-", "TheHive shows no template for a responder");
    }
}
