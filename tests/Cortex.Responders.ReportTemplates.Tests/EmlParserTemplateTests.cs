using Cortex.Responders.TestSupport;
using Cortex.Responders.TestSupport.Browser;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.ReportTemplates.Tests;

/// <summary>
/// analyzers/EmlParser/long.html, as published beside the EmlParser analyzer, rendered in Chromium with a report in the
/// shape of Cortex-Analyzers' EmlParser 2.1 (Samples/EmlParser_2_1.output.json, written here by hand): what the analyst
/// sees, field by field.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed class EmlParserTemplateTests
{
    private const string Name = "EmlParser";
    private static readonly JObject Input = JObject.Parse("""{"dataType": "file", "file": "attachment123", "filename": "reported.eml", "config": {}}""");
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

    private static string Template => File.ReadAllText(Path.Combine(root, Name, PublishedFolder.LongTemplate));

    private static JObject Sample() =>
        JObject.Parse(File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Samples", "EmlParser_2_1.output.json")));

    [Test]
    public async Task ReportOfEmlParser21ShowsEveryFieldTheAnalystNeeds()
    {
        var sample = Sample();
        await using var rendered = await ReportTemplateRenderer.RenderAsync(browser, Template, ReportScope.Of(Input, sample));
        await rendered.AttachScreenshotAsync("emlparser-2.1-sample");

        await ShouldShowSampleAsync(rendered, (JObject)sample["full"]!);
    }

    [Test]
    public async Task FailureShowsTheErrorMessage()
    {
        var failed = JObject.Parse("""{"success": false, "errorMessage": "the input file is not a mail message: no header found", "input": {}}""");

        await using var rendered = await ReportTemplateRenderer.RenderAsync(browser, Template, ReportScope.Of(Input, failed));
        await rendered.AttachScreenshotAsync("emlparser-failure");

        (await rendered.TextAsync(".panel-danger .panel-heading")).Should().Contain("reported[.]eml");
        (await rendered.TextAsync(".eml-error")).Should().Be("the input file is not a mail message: no header found");
        (await rendered.TextsAsync(".panel-info")).Should().BeEmpty();
    }

    [Test]
    public async Task RepeatedValuesRenderWithoutAngularError()
    {
        var sample = Sample();
        var headers = (JObject)sample["full"]!["headers"]!;
        headers["to"] = new JArray("alice@corp.example", "alice@corp.example");
        headers["subject"] = new JArray("Invoice", "Invoice");

        await using var rendered = await ReportTemplateRenderer.RenderAsync(browser, Template, ReportScope.Of(Input, sample));

        (await rendered.TextAsync(".eml-to")).Should().Be("alice@corp[.]example, alice@corp[.]example");
    }

    /// <summary>Rename a key the template reads, and the same field-by-field check fails: the template would show it blank.</summary>
    [TestCase("headers", "subject")]
    [TestCase("headers", "reply-to")]
    [TestCase("headers", "received")]
    [TestCase("body", "text_html")]
    [TestCase("", "attachments")]
    public async Task RenamedKeyOfTheReportFailsTheRenderTest(string parent, string key)
    {
        var sample = Sample();
        var full = (JObject)sample["full"]!;
        var expected = (JObject)full.DeepClone();
        var holder = parent.Length == 0 ? full : (JObject)full[parent]!;
        holder.Property(key)!.Replace(new JProperty(key + "_renamed", holder[key]));

        await using var rendered = await ReportTemplateRenderer.RenderAsync(browser, Template, ReportScope.Of(Input, sample));

        var check = () => ShouldShowSampleAsync(rendered, expected);
        await check.Should().ThrowAsync<AssertionException>();
    }

    private static async Task ShouldShowSampleAsync(RenderedReport rendered, JObject full)
    {
        var headers = (JObject)full["headers"]!;
        (await rendered.TextAsync(".eml-subject")).Should().Be(string.Join('\n', headers["subject"]!.Values<string>()));
        (await rendered.TextAsync(".eml-date")).Should().Be((string?)headers["date"]);
        foreach (var field in new[] { "from", "to", "cc", "bcc", "reply-to", "return-path", "delivered-to" })
        {
            (await rendered.TextAsync($".eml-{field}")).Should().Be(string.Join(", ", headers[field]!.Values<string>().Select(v => Fang(v!))), field);
        }

        (await rendered.TextsAsync(".eml-x-delivered-to")).Should().BeEmpty("an empty header is not shown");

        var hops = await rendered.TextsAsync(".eml-hop");
        hops.Should().HaveCount(headers["received"]!.Count());
        (await rendered.TextsAsync(".eml-hop-from")).Should().Equal("mx1[.]corp[.]example, 192[.]0[.]2[.]25", "mail[.]badcorp[.]example, 203[.]0[.]113[.]9");
        (await rendered.TextsAsync(".eml-hop-by")).Should().Equal("mail[.]corp[.]example", "mx1[.]corp[.]example");
        (await rendered.TextsAsync(".eml-hop-with")).Should().Equal("esmtps", "smtp");
        (await rendered.TextsAsync(".eml-hop-for")).Should().Equal("alice@corp.example", "");
        (await rendered.TextsAsync(".eml-hop-date")).Should().Equal(headers["received"]!.Select(h => (string)h["date"]!));

        var plain = (JObject)full["body"]!["text_plain"]![0]!;
        var html = (JObject)full["body"]!["text_html"]![0]!;
        (await rendered.TextsAsync(".eml-body-plain .eml-body-content")).Should().Equal(((string)plain["content"]!).Trim());
        (await rendered.TextsAsync(".eml-body-html .eml-body-content")).Should().ContainSingle().Which.Should().Be((string)html["content"]!, "the HTML body shows as its source");
        (await rendered.TextAsync(".eml-body-plain h5")).Should().Contain((string)plain["hash"]!);
        (await rendered.TextAsync(".eml-body-html h5")).Should().Contain((string)html["hash"]!);
        (await rendered.Evaluate("document.querySelectorAll('#report a').length"))!.Value<int>().Should().Be(0, "the mail's HTML is never rendered");

        var attachments = full["attachments"]!.Children<JObject>().ToList();
        (await rendered.TextsAsync(".eml-attachment-name")).Should().Equal(attachments.Select(a => Fang((string)a["filename"]!)));
        (await rendered.TextsAsync(".eml-attachment-type")).Should().Equal(attachments.Select(a => (string)a["mime_type"]!));
        (await rendered.TextsAsync(".eml-attachment-size")).Should().Equal(attachments.Select(a => $"{a["size"]} bytes"));
        foreach (var hash in new[] { "md5", "sha1", "sha256", "sha512" })
        {
            (await rendered.TextsAsync($".eml-{hash}")).Should().Equal(attachments.Select(a => (string)a["hash"]![hash]!), hash);
        }

        (await rendered.TextsAsync(".eml-iocs-url .eml-ioc")).Should().Equal("hxxps://pay[.]badcorp[.]example/inv?id=42 body:text/plain body:text/html");
        (await rendered.TextsAsync(".eml-iocs-ip .eml-ioc")).Should().Equal("203[.]0[.]113[.]9 received");
        (await rendered.TextAsync(".eml-raw")).Should().Be(((string)full["raw_email"]!).Trim());
        (await rendered.TextsAsync(".panel-danger")).Should().BeEmpty();
    }

    private static string Fang(string value) => value.Replace(".", "[.]", StringComparison.Ordinal).Replace("http", "hxxp", StringComparison.OrdinalIgnoreCase);
}
