using System.Security.Cryptography;
using Cortex.Responders;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using MimeKit;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using static Cortex.Workers.Analyzers.EmlParser.Tests.Messages;

namespace Cortex.Workers.Analyzers.EmlParser.Tests;

/// <summary>The published EmlParser's full report, in 2.1's keys and types, on messages built here with MimeKit.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class EmlParserTests
{
    private static string root = string.Empty;

    [OneTimeSetUp]
    public async Task PublishAnalyzers() => root = await PublishedAnalyzers.PublishAsync("EmlParser");

    [Test]
    public async Task HeadersAreListsOfStringsAndReceivedHopsAreRead()
    {
        using var job = EmlJob.Create(Lure());

        var run = await job.RunAsync(root, EmlJob.Command);

        run.ExitCode.Should().Be(0, run.ToString());
        var headers = (JObject)run.Output![ReportKeys.Full]!["headers"]!;
        headers["subject"]!.Values<string>().Should().Equal(Subject);
        headers["from"]!.Values<string>().Should().Equal("Zahlungsstelle Ünïcode <billing@evil.example>");
        headers["to"]!.Values<string>().Should().Equal("victim@example.org");
        headers["cc"]!.Values<string>().Should().Equal("Team <team@example.org>");
        headers["reply-to"]!.Values<string>().Should().Equal("collect@another.example");
        headers["return-path"]!.Values<string>().Should().Equal("<bounce@bounce.example>");
        foreach (var empty in (string[])["bcc", "delivered-to", "x-delivered-to"])
        {
            headers[empty]!.Type.Should().Be(JTokenType.Array);
            headers[empty]!.Should().BeEmpty();
        }

        ((string?)headers["date"]).Should().Be("Fri, 01 Mar 2024 09:30:00 +0100");
        headers["received"]![0]!.ToString(Formatting.None).Should().Be(
            """
            {"src":"from mx.evil.example ([203.0.113.9]) by mx.example.org with ESMTPS for <victim@example.org>; Fri, 1 Mar 2024 08:31:00 +0000",
            "from":["mx.evil.example","203.0.113.9"],"by":["mx.example.org"],"for":["victim@example.org"],"with":"ESMTPS","date":"2024-03-01T08:31:00+00:00"}
            """.Replace("\n", string.Empty, StringComparison.Ordinal));
        run.Output![ReportKeys.Full]!["message"]!["from"]!.ToString(Formatting.None).Should().Be(
            """[{"name":"Zahlungsstelle Ünïcode","address":"billing@evil.example"}]""", "our own fields stay beside 2.1's");
    }

    [Test]
    public async Task EveryInlineTextPartIsABodyWithItsHeadersAndHash()
    {
        using var job = EmlJob.Create(Lure());

        var run = await job.RunAsync(root, EmlJob.Command);

        var body = run.Output![ReportKeys.Full]!["body"]!;
        body["text_plain"]!.Select(b => ((string)b["content"]!).ReplaceLineEndings("\n")).Should().Equal("Pay now: https://evil.example/login?a=1&b=2.\nThanks", "see attached");
        body["text_plain"]![1]!["in_message"]!.Value<string>().Should().Be("forwarded.eml");
        var html = body["text_html"]!.Single();
        ((string)html["content"]!).Should().Contain("<a href=\"https://evil.example/login?a=1&amp;b=2\">");
        html["content_header"]!["content-type"]!.Values<string>().Should().Equal("text/html; charset=utf-8");
        ((string?)html["hash"]).Should().Be(Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes((string)html["content"]!))));
    }

    [Test]
    public async Task AttachmentsHaveTheirHashesTypesAndNoBytes()
    {
        using var job = EmlJob.Create(Lure());

        var run = await job.RunAsync(root, EmlJob.Command);

        var attachments = (JArray)run.Output![ReportKeys.Full]!["attachments"]!;
        attachments.Select(a => (string)a["filename"]!).Should().Equal("invoice.pdf", "payload.exe", "forwarded.eml", "inner.docx");
        attachments.Select(a => (string)a["extension"]!).Should().Equal("pdf", "exe", "eml", "docx");
        attachments.Select(a => (string)a["mime_type_short"]!).Should().Equal("application/pdf", "application/x-dosexec", "text/plain", "application/zip");
        attachments.Select(a => (string)a["content_type"]!).Should().Equal(
            "application/pdf", "application/octet-stream", "message/rfc822", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        ((string?)attachments[0]["mime_type"]).Should().Be("PDF document");
        attachments[0]["content_header"]!["content-disposition"]!.Values<string>().Should().Equal("attachment; filename=invoice.pdf");
        foreach (var (attachment, content) in attachments.Zip([Pdf, Exe, null, Docx]).Where(pair => pair.Second is not null))
        {
            ((long)attachment["size"]!).Should().Be(content!.Length);
            attachment["hash"]!.ToString(Formatting.None).Should().Be(new JObject
            {
                ["md5"] = Convert.ToHexStringLower(MD5.HashData(content)),
                ["sha1"] = Convert.ToHexStringLower(SHA1.HashData(content)),
                ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(content)),
                ["sha512"] = Convert.ToHexStringLower(SHA512.HashData(content)),
            }.ToString(Formatting.None));
        }

        run.Output.ToString().Should().NotContain(Convert.ToBase64String(Docx), "the bytes go as file artifacts, never in the report");
        var raw = run.Output![ReportKeys.Full]!["raw_email"]!.Value<string>();
        raw.Should().StartWith("From: ").And.Contain("Subject: ").And.Contain("bytes of inner.docx left out: see the attachment]");
    }

    [Test]
    public async Task IocsAreDataWithTheirTags()
    {
        using var job = EmlJob.Create(Lure());

        var run = await job.RunAsync(root, EmlJob.Command);

        var iocs = run.Output![ReportKeys.Full]!["iocs"]!;
        iocs["url"]!.ToString(Formatting.None).Should().Be(
            """
            [{"data":"https://evil.example/login?a=1&b=2","tag":["body:text/plain","content-ioc","body:text/html"]},
            {"data":"http://tracker.example/p.gif","tag":["body:text/html","content-ioc"]}]
            """.Replace("\n", string.Empty, StringComparison.Ordinal));
        iocs["ip"]!.Select(i => (string)i["data"]!).Should().Equal("198.51.100.7", "203.0.113.9");
        iocs["domain"]!.Select(i => (string)i["data"]!).Should().Contain(["evil.example", "tracker.example", "mx.evil.example", "mx.example.org", "another.example"]);
        iocs["email"]!.Single(i => (string?)i["data"] == "collect@another.example")["tag"]!.Values<string>().Should().Equal("header:Reply-To", "envelope");
        iocs["hash"]!.Select(i => (string)i["filename"]!).Should().Equal("invoice.pdf", "payload.exe", "forwarded.eml", "inner.docx");
        iocs["hash"]![0]!["tag"]!.Values<string>().Should().Equal("content-type:application/pdf");
    }

    [Test]
    public async Task InlinePartsThatAreNotTextAreAttachments()
    {
        var message = Plain();
        var zip = new TextPart("html") { Content = new MimeContent(new MemoryStream(Docx)), ContentTransferEncoding = ContentEncoding.Base64 };
        message.Body = new Multipart("mixed") { new TextPart("plain") { Text = "one" }, new TextPart("html") { Text = "<b>two</b>" }, new TextPart("plain") { Text = "three" }, zip };
        using var job = EmlJob.Create(message);

        var run = await job.RunAsync(root, EmlJob.Command);

        var full = run.Output![ReportKeys.Full]!;
        full["body"]!["text_plain"]!.Select(b => ((string)b["content"]!).Trim()).Should().Equal("one", "three");
        full["body"]!["text_html"]!.Select(b => ((string)b["content"]!).Trim()).Should().Equal("<b>two</b>");
        var attachment = full["attachments"]!.Single();
        ((string?)attachment["filename"]).Should().Be("part-000");
        ((string?)attachment["mime_type_short"]).Should().Be("application/zip");
        ((string?)attachment["hash"]!["sha256"]).Should().Be(Convert.ToHexStringLower(SHA256.HashData(Docx)));
    }

    [Test]
    public async Task LongBodyIsCutAndTheReportSaysSo()
    {
        var message = Plain();
        message.Body = new TextPart("plain") { Text = new string('a', 150_000) + " https://late.example/" };
        using var job = EmlJob.Create(message);

        var run = await job.RunAsync(root, EmlJob.Command);

        run.ExitCode.Should().Be(0, run.ToString());
        var text = run.Output![ReportKeys.Full]!["body"]!["text_plain"]![0]!;
        ((string)text["content"]!).Should().Be(new string('a', 100_000));
        ((bool)text["truncated"]!).Should().BeTrue();
        ((int)text["length"]!).Should().BeInRange(150_022, 150_024, "the decoded body: the text and the line break that ends it");
        run.Output![ReportKeys.Full]!["iocs"]!["url"]!.Select(u => (string)u["data"]!).Should().Equal(["https://late.example/"], "IOCs are read past the cut");
        run.Output![ReportKeys.Full]!["bounds"]!["cut"]!.Values<string>().Should().ContainMatch("body: a text/plain body of 150,02? characters is shown up to 100,000");
    }

    [TestCase(new byte[0], TestName = "EmptyFileIsNoMessage")]
    [TestCase(new byte[] { 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52 }, TestName = "PngIsNoMessage")]
    [TestCase(new byte[] { 0x6a, 0x75, 0x73, 0x74, 0x20, 0x74, 0x65, 0x78, 0x74, 0x0a }, TestName = "TextWithoutHeadersIsNoMessage")]
    [TestCase(new byte[] { 0x58, 0x2d, 0x4a, 0x75, 0x6e, 0x6b, 0x3a, 0x20, 0x31, 0x0a, 0x0a, 0x62, 0x6f, 0x64, 0x79 }, TestName = "HeadersNoMailHasAreNoMessage")]
    public async Task FileThatIsNoMessageEndsWithACleanError(byte[] content)
    {
        using var job = EmlJob.Create(content, "scan.png");

        var run = await job.RunAsync(root, EmlJob.Command);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Success.Should().BeFalse();
        run.ErrorMessage.Should().StartWith("scan.png is not a mail message: ").And.EndWith("give EmlParser an .eml file (RFC 5322, as a mail client saves it)");
        run.ErrorMessage.Should().NotContain("\n");
        Directory.GetFiles(Path.Combine(job.Directory, "output")).Select(Path.GetFileName).Should().Equal("output.json");
    }

    [Test]
    public async Task ObservableThatIsNoFileEndsWithAnError()
    {
        using var job = CortexJob.Create(JObject.Parse("""{"dataType": "mail", "data": "billing@evil.example", "config": {}}"""));

        var run = await job.RunAsync(root, EmlJob.Command);

        run.ExitCode.Should().Be(1, run.ToString());
        run.ErrorMessage.Should().StartWith("this job's data type is \"mail\", not \"file\"");
    }

    [Test]
    public void PublishedFolderHoldsTheExecutableAndTheFlavorOf21()
    {
        PublishedFolder.ShouldHoldTheExecutableAndFlavorsOnly(root, "EmlParser", "EmlParser.json");
        var flavor = PublishedFolder.Flavor(root, "EmlParser", "EmlParser.json");
        flavor[FlavorKeys.DataTypeList]!.Values<string>().Should().Equal("file");
        ((string?)flavor[FlavorKeys.Name]).Should().Be("EmlParser");
        ((string?)flavor[FlavorKeys.Version]).Should().Be("2.1");
        WorkerId.Of("EmlParser", "2.1").Should().Be("EmlParser_2_1");
        flavor[FlavorKeys.ConfigurationItems]!.Select(item => (string)item["name"]!).Should().Equal("email_visualisation", "wkhtmltoimage_path");
    }
}
