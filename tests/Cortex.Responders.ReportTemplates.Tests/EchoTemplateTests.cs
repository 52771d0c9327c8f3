using Cortex.Responders.TestSupport;
using Cortex.Responders.TestSupport.Browser;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.ReportTemplates.Tests;

/// <summary>
/// analyzers/Echo/long.html, as published beside the Echo analyzer, rendered in Chromium with the reports the
/// published analyzer writes: what the analyst sees, field by field, on a success and on a failure.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed class EchoTemplateTests
{
    private const string Name = "EchoAnalyzer";
    private static string root = string.Empty;
    private Chromium browser = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        root = await PublishedAnalyzers.PublishAsync(Name);
        browser = await Chromium.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await browser.DisposeAsync();

    [Test]
    public void TemplateIsPublishedBesideTheFlavor() =>
        File.ReadAllText(Template).Should().Be(File.ReadAllText(Path.Combine(Repository.Root, "analyzers", "Echo", PublishedFolder.LongTemplate)));

    [Test]
    public async Task SuccessShowsTheValueTheMessageAndTheParameters()
    {
        var scope = await RunAsync("""
            {"dataType": "domain", "data": "www.evil.example", "message": "seen in http://www.evil.example/login",
             "parameters": {"case": "#42"}, "config": {}}
            """);

        await using var rendered = await ReportTemplateRenderer.RenderAsync(browser, File.ReadAllText(Template), scope);
        await rendered.AttachScreenshotAsync("echo-success");

        await ShouldShowReportAsync(rendered, "www[.]evil[.]example", "seen in http://www.evil.example/login", "\"case\": \"#42\"");
    }

    [Test]
    public async Task FileJobShowsTheFileNameAndNoneForWhatTheJobLacked()
    {
        using var job = CortexJob.Create(JObject.Parse("""{"dataType": "file", "file": "f0", "filename": "invoice.pdf", "config": {}}"""));
        await File.WriteAllTextAsync(Path.Combine(job.Directory, "input", "f0"), "anything");
        var scope = await RunAsync(job);

        await using var rendered = await ReportTemplateRenderer.RenderAsync(browser, File.ReadAllText(Template), scope);
        await rendered.AttachScreenshotAsync("echo-file");

        (await rendered.TextAsync(".echo-observable")).Should().Be("invoice[.]pdf");
        (await rendered.TextAsync(".echo-data")).Should().Be("invoice[.]pdf");
        (await rendered.TextAsync(".echo-message")).Should().Be("none");
        (await rendered.TextAsync(".echo-parameters")).Should().Be("none");
    }

    [Test]
    public async Task FailureShowsTheErrorMessageAndNoReport()
    {
        var scope = await RunAsync("""{"dataType": "ip", "data": "198.51.100.7", "tlp": 3, "config": {"check_tlp": true, "max_tlp": 2}}""");
        scope.Success.Should().BeFalse();

        await using var rendered = await ReportTemplateRenderer.RenderAsync(browser, File.ReadAllText(Template), scope);
        await rendered.AttachScreenshotAsync("echo-failure");

        (await rendered.TextAsync(".panel-danger .panel-heading")).Should().Contain("198[.]51[.]100[.]7");
        (await rendered.TextAsync(".echo-error")).Should().Be("TLP is higher than allowed.");
        (await rendered.TextsAsync(".panel-info")).Should().BeEmpty("the success panel is not shown for a failed job");
    }

    /// <summary>
    /// The template reads content.data, content.message and content.parameters: rename any one of them in the real
    /// report and the same assertions fail, so the render test notices a report that no longer fits its template.
    /// </summary>
    [TestCase("data")]
    [TestCase("message")]
    [TestCase("parameters")]
    public async Task RenamedKeyOfTheReportFailsTheRenderTest(string key)
    {
        var scope = await RunAsync("""
            {"dataType": "domain", "data": "www.evil.example", "message": "seen in a phish", "parameters": {"case": "#42"}, "config": {}}
            """);
        var content = (JObject)scope.Content;
        content.Property(key)!.Replace(new JProperty(key + "_renamed", content[key]));

        await using var rendered = await ReportTemplateRenderer.RenderAsync(browser, File.ReadAllText(Template), scope);

        var check = () => ShouldShowReportAsync(rendered, "www[.]evil[.]example", "seen in a phish", "\"case\": \"#42\"");
        await check.Should().ThrowAsync<AssertionException>();
    }

    [TestCase("<div ng-repeat=\"x in content.list\">{{x}}</div>", "ngRepeat:dupes", TestName = "RepeatedValueInAListFailsTheRender")]
    [TestCase("<div>{{content.data | nosuchfilter}}</div>", "nosuchfilterFilter", TestName = "FilterTheHiveLacksFailsTheRender")]
    [TestCase("<div>{{content.data ||| 1}}</div>", "$parse:syntax", TestName = "ExpressionSyntaxErrorFailsTheRender")]
    public async Task AngularErrorInATemplateFailsTheRender(string template, string error)
    {
        var scope = await RunAsync("""{"dataType": "ip", "data": "198.51.100.7", "config": {}}""");
        ((JObject)scope.Content)["list"] = new JArray("a", "a");

        var render = () => ReportTemplateRenderer.RenderAsync(browser, template, scope);

        (await render.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain(error);
    }

    private static string Template => Path.Combine(root, Name, PublishedFolder.LongTemplate);

    private static async Task ShouldShowReportAsync(RenderedReport rendered, string data, string message, string parameter)
    {
        (await rendered.TextAsync(".echo-observable")).Should().Be(data);
        (await rendered.TextAsync(".echo-data")).Should().Be(data);
        (await rendered.TextAsync(".echo-message")).Should().Be(message);
        (await rendered.TextAsync(".echo-parameters")).Should().Contain(parameter);
        (await rendered.TextsAsync(".panel-danger")).Should().BeEmpty();
    }

    private static async Task<ReportScope> RunAsync(string input)
    {
        using var job = CortexJob.Create(JObject.Parse(input));
        return await RunAsync(job);
    }

    private static async Task<ReportScope> RunAsync(CortexJob job)
    {
        var run = await job.RunAsync(root, $"{Name}/{Name}");
        run.Output.Should().NotBeNull(run.ToString());
        return ReportScope.Of(JObject.Parse(File.ReadAllText(job.InputFile)), run.Output!);
    }
}
