using Cortex.Responders;
using System.Security.Cryptography;
using System.Text;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using MimeKit;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Workers.Analyzers.EmlParser.Tests;

/// <summary>The published EmlParser analyzer, run as Cortex runs it, on messages built here with MimeKit.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class EmlParserTests
{
    private const string Subject = "Überweisung fällig — 請求書 Nr. 42";
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% invoice\n");
    private static readonly byte[] Exe = [0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0xff, 0xfe];
    private static readonly byte[] Docx = Encoding.ASCII.GetBytes("PK\u0003\u0004 not really a docx");
    private static string root = string.Empty;

    [OneTimeSetUp]
    public async Task PublishAnalyzers() => root = await PublishedAnalyzers.PublishAsync("EmlParser");

    [Test]
    public async Task HeadersAreReported()
    {
        using var job = EmlJob.Create(Lure());

        var run = await job.RunAsync(root, EmlJob.Command);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Output!["full"]!["headers"]!.ToString(Formatting.None).Should().Be(
            """
            {"from":[{"name":"Zahlungsstelle Ünïcode","address":"billing@evil.example"}],
            "to":[{"name":null,"address":"victim@example.org"}],
            "cc":[{"name":"Team","address":"team@example.org"}],
            "replyTo":[{"name":null,"address":"collect@another.example"}],
            "returnPath":"bounce@bounce.example",
            "subject":"Überweisung fällig — 請求書 Nr. 42",
            "date":"2024-03-01T09:30:00.0000000+01:00",
            "messageId":"lure-1@evil.example",
            "received":["from mx.evil.example ([203.0.113.9]) by mx.example.org; Fri, 1 Mar 2024 08:31:00 +0000","from workstation by mx.evil.example; Fri, 1 Mar 2024 08:30:30 +0000"]}
            """.Replace("\n", string.Empty, StringComparison.Ordinal));
    }

    [Test]
    public async Task BodiesAttachmentsNestedMessageAndUrlsAreReported()
    {
        using var job = EmlJob.Create(Lure());

        var run = await job.RunAsync(root, EmlJob.Command);

        run.ExitCode.Should().Be(0, run.ToString());
        var full = run.Output!["full"]!;
        ((string)full["body"]!["text"]!["content"]!).Should().Contain("https://evil.example/login?a=1&b=2");
        ((bool)full["body"]!["text"]!["truncated"]!).Should().BeFalse();
        ((string)full["body"]!["html"]!["content"]!).Should().Contain("<a href=\"https://evil.example/login?a=1&amp;b=2\">");
        full["urls"]!.Values<string>().Should().Equal("https://evil.example/login?a=1&b=2", "http://tracker.example/p.gif");

        var attachments = (JArray)full["attachments"]!;
        attachments.Select(a => (string)a["name"]!).Should().Equal("invoice.pdf", "payload.exe", "forwarded.eml", "inner.docx");
        attachments.Select(a => (string?)a["inMessage"]).Should().Equal(null, null, null, "forwarded.eml");
        attachments.Select(a => (string)a["contentType"]!).Should().Equal("application/pdf", "application/octet-stream", "message/rfc822", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        ShouldDescribe(attachments[0], Pdf);
        ShouldDescribe(attachments[1], Exe);
        ShouldDescribe(attachments[3], Docx);
        ((long)attachments[2]["size"]!).Should().BeGreaterThan(Docx.Length);
    }

    [Test]
    public async Task SummaryCountsAttachmentsAndFlagsTheLure()
    {
        using var job = EmlJob.Create(Lure());

        var run = await job.RunAsync(root, EmlJob.Command);

        run.Output!["summary"]!.ToString(Formatting.None).Should().Be(
            """
            {"taxonomies":[
            {"level":"info","namespace":"EmlParser","predicate":"Attachments","value":4},
            {"level":"suspicious","namespace":"EmlParser","predicate":"ReplyTo","value":"differs from From"},
            {"level":"info","namespace":"EmlParser","predicate":"ReturnPath","value":"other domain than From"},
            {"level":"suspicious","namespace":"EmlParser","predicate":"Executables","value":1}]}
            """.Replace("\n", string.Empty, StringComparison.Ordinal));
    }

    [Test]
    public async Task PlainMessageHasNoSuspiciousTaxonomy()
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Alice", "alice@example.org"));
        message.ReplyTo.Add(new MailboxAddress("Alice", "Alice@Example.org"));
        message.To.Add(MailboxAddress.Parse("bob@example.org"));
        message.Subject = "lunch";
        message.Body = new TextPart("plain") { Text = "see you at noon" };
        message.Headers.Remove(HeaderId.Date);
        using var job = EmlJob.Create(message);

        var run = await job.RunAsync(root, EmlJob.Command);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Output!["summary"]!.ToString(Formatting.None).Should().Be(
            """{"taxonomies":[{"level":"info","namespace":"EmlParser","predicate":"Attachments","value":0}]}""");
        run.Output!["full"]!["body"]!["html"]!.Type.Should().Be(JTokenType.Null);
        run.Output!["full"]!["headers"]!["date"]!.Type.Should().Be(JTokenType.Null);
    }

    [Test]
    public async Task ArtifactsAreAddressesSubjectUrlsHashesAndFiles()
    {
        using var job = EmlJob.Create(Lure());

        var run = await job.RunAsync(root, EmlJob.Command);

        var artifacts = ((JArray)run.Output!["artifacts"]!).Cast<JObject>().ToList();
        Values(artifacts, "mail").Should().Equal(
            "billing@evil.example", "collect@another.example", "victim@example.org", "team@example.org", "bounce@bounce.example");
        Values(artifacts, "mail_subject").Should().Equal(Subject);
        Values(artifacts, "url").Should().Equal("https://evil.example/login?a=1&b=2", "http://tracker.example/p.gif");
        Values(artifacts, "hash").Should().Contain([Hex(MD5.HashData(Pdf)), Hex(SHA1.HashData(Pdf)), Hex(SHA256.HashData(Exe)), Hex(SHA256.HashData(Docx))]);
        Values(artifacts, "hash").Should().HaveCount(12);

        var files = artifacts.Where(a => (string?)a["dataType"] == "file").ToList();
        files.Select(a => (string)a["filename"]!).Should().Equal("invoice.pdf", "payload.exe", "forwarded.eml", "inner.docx");
        foreach (var (artifact, content) in files.Zip([Pdf, Exe, null, Docx]))
        {
            ((string?)artifact["message"]).Should().Be("attachment of reported.eml");
            var copy = Path.Combine(job.Directory, "output", (string)artifact["file"]!);
            File.GetUnixFileMode(copy).Should().Be(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            if (content is not null)
            {
                File.ReadAllBytes(copy).Should().Equal(content);
            }
        }

        MimeMessage.Load(Path.Combine(job.Directory, "output", (string)files[2]["file"]!)).Subject.Should().Be("Fwd: the real invoice");
        Directory.GetFiles(Path.Combine(job.Directory, "output")).Should().HaveCount(5, "output.json and the four files");
    }

    [Test]
    public async Task AttachmentNameThatIsAPathStaysInsideOutput()
    {
        var message = Plain();
        var body = new Multipart("mixed") { new TextPart("plain") { Text = "hi" } };
        body.Add(new MimePart("application", "octet-stream")
        {
            Content = new MimeContent(new MemoryStream(Exe)),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = "../../../../etc/cron.d/evil",
        });
        message.Body = body;
        using var job = EmlJob.Create(message);

        var run = await job.RunAsync(root, EmlJob.Command);

        run.ExitCode.Should().Be(0, run.ToString());
        var file = ((JArray)run.Output!["artifacts"]!).Single(a => (string?)a["dataType"] == "file");
        ((string?)file["filename"]).Should().Be("evil");
        File.ReadAllBytes(Path.Combine(job.Directory, "output", (string)file["file"]!)).Should().Equal(Exe);
        ((string?)run.Output!["full"]!["attachments"]![0]!["name"]).Should().Be("../../../../etc/cron.d/evil", "the report says what the message says");
    }

    [Test]
    public async Task LongBodyIsCutAndSaysSo()
    {
        var message = Plain();
        message.Body = new TextPart("plain") { Text = new string('a', 150_000) + " https://late.example/" };
        using var job = EmlJob.Create(message);

        var run = await job.RunAsync(root, EmlJob.Command);

        run.ExitCode.Should().Be(0, run.ToString());
        var text = run.Output!["full"]!["body"]!["text"]!;
        ((string)text["content"]!).Should().Be(new string('a', 100_000));
        ((bool)text["truncated"]!).Should().BeTrue();
        // The decoded body: the text and the line break that ends it in the message.
        ((int)text["length"]!).Should().BeInRange(150_022, 150_024);
        run.Output!["full"]!["urls"]!.Values<string>().Should().Equal(["https://late.example/"], "URLs are read in the whole body");
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
    public void PublishedFolderHoldsTheExecutableAndItsFlavor()
    {
        PublishedFolder.ShouldHoldTheExecutableAndFlavorsOnly(root, "EmlParser", "EmlParser.json");
        PublishedFolder.Flavor(root, "EmlParser", "EmlParser.json")["dataTypeList"]!.Values<string>().Should().Equal("file");
    }

    /// <summary>A lure as phishing reports bring them: non-ASCII headers, a Reply-To elsewhere, alternative bodies, attachments and a forwarded message with its own.</summary>
    private static MimeMessage Lure()
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Zahlungsstelle Ünïcode", "billing@evil.example"));
        message.To.Add(MailboxAddress.Parse("victim@example.org"));
        message.Cc.Add(new MailboxAddress("Team", "team@example.org"));
        message.ReplyTo.Add(MailboxAddress.Parse("collect@another.example"));
        message.Subject = Subject;
        message.Date = new DateTimeOffset(2024, 3, 1, 9, 30, 0, TimeSpan.FromHours(1));
        message.MessageId = "lure-1@evil.example";
        message.Headers.Add("Return-Path", "<bounce@bounce.example>");
        message.Headers.Add("Received", "from mx.evil.example ([203.0.113.9]) by mx.example.org; Fri, 1 Mar 2024 08:31:00 +0000");
        message.Headers.Add("Received", "from workstation by mx.evil.example; Fri, 1 Mar 2024 08:30:30 +0000");

        var inner = Plain();
        inner.Subject = "Fwd: the real invoice";
        inner.Body = new Multipart("mixed") { new TextPart("plain") { Text = "see attached" }, Attachment("application", "vnd.openxmlformats-officedocument.wordprocessingml.document", "inner.docx", Docx) };

        message.Body = new Multipart("mixed")
        {
            new MultipartAlternative
            {
                new TextPart("plain") { Text = "Pay now: https://evil.example/login?a=1&b=2.\nThanks" },
                new TextPart("html") { Text = "<p>Pay <a href=\"https://evil.example/login?a=1&amp;b=2\">now</a><img src='http://tracker.example/p.gif'></p>" },
            },
            Attachment("application", "pdf", "invoice.pdf", Pdf),
            Attachment("application", "octet-stream", "payload.exe", Exe),
            new MessagePart { Message = inner, ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = "forwarded.eml" } },
        };
        return message;
    }

    private static MimeMessage Plain()
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("someone@example.net"));
        message.To.Add(MailboxAddress.Parse("victim@example.org"));
        message.Subject = "hello";
        return message;
    }

    private static MimePart Attachment(string mediaType, string subtype, string name, byte[] content) => new(mediaType, subtype)
    {
        Content = new MimeContent(new MemoryStream(content)),
        ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
        ContentTransferEncoding = ContentEncoding.Base64,
        FileName = name,
    };

    private static void ShouldDescribe(JToken attachment, byte[] content)
    {
        ((long)attachment["size"]!).Should().Be(content.Length);
        ((string?)attachment["md5"]).Should().Be(Hex(MD5.HashData(content)));
        ((string?)attachment["sha1"]).Should().Be(Hex(SHA1.HashData(content)));
        ((string?)attachment["sha256"]).Should().Be(Hex(SHA256.HashData(content)));
    }

    private static IEnumerable<string> Values(IEnumerable<JObject> artifacts, string dataType) =>
        artifacts.Where(a => (string?)a["dataType"] == dataType).Select(a => (string)a["data"]!);

    private static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);
}
