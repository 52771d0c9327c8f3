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

/// <summary>The published EmlParser's summary (2.1's taxonomies and ours) and artifacts (2.1's types and tags, the files in output/).</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class SummaryAndArtifactTests
{
    private static string root = string.Empty;

    [OneTimeSetUp]
    public async Task PublishAnalyzers() => root = await PublishedAnalyzers.PublishAsync("EmlParser");

    [Test]
    public async Task SummaryCountsAttachmentsAndUrlsAndFlagsTheLure()
    {
        using var job = EmlJob.Create(Lure());

        var run = await job.RunAsync(root, EmlJob.Command);

        run.Output![ReportKeys.Summary]!.ToString(Formatting.None).Should().Be(
            """
            {"taxonomies":[
            {"level":"info","namespace":"EmlParser","predicate":"Attachments","value":4},
            {"level":"info","namespace":"EmlParser","predicate":"Urls","value":2},
            {"level":"suspicious","namespace":"EmlParser","predicate":"ReplyTo","value":"differs from From"},
            {"level":"info","namespace":"EmlParser","predicate":"ReturnPath","value":"other domain than From"},
            {"level":"suspicious","namespace":"EmlParser","predicate":"Executables","value":1}]}
            """.Replace("\n", string.Empty, StringComparison.Ordinal));
    }

    [Test]
    public async Task PlainMessageHasOnlyTheCounts()
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
        run.Output![ReportKeys.Summary]!.ToString(Formatting.None).Should().Be(
            """{"taxonomies":[{"level":"info","namespace":"EmlParser","predicate":"Attachments","value":0},{"level":"info","namespace":"EmlParser","predicate":"Urls","value":0}]}""");
        run.Output![ReportKeys.Full]!["body"]!["text_html"]!.Should().BeEmpty();
        ((string?)run.Output![ReportKeys.Full]!["headers"]!["date"]).Should().BeEmpty();
        run.Output![ReportKeys.Full]!["message"]!["date"]!.Type.Should().Be(JTokenType.Null);
    }

    [Test]
    public async Task ArtifactsHave21sTypesAndTags()
    {
        using var job = EmlJob.Create(Lure());

        var run = await job.RunAsync(root, EmlJob.Command);

        var artifacts = ((JArray)run.Output![ReportKeys.Artifacts]!).Cast<JObject>().ToList();
        Single(artifacts, "url", "https://evil.example/login?a=1&b=2").Should().Equal("body:text/plain", "content-ioc", "body:text/html", "autoImport:true");
        Single(artifacts, "ip", "203.0.113.9").Should().Equal("header:Received", "mail-relay", "autoImport:true");
        Single(artifacts, "ip", "198.51.100.7").Should().Equal("body:text/html", "content-ioc", "autoImport:true");
        Single(artifacts, "mail", "billing@evil.example").Should().Equal("header:From", "envelope", "autoImport:true");
        Single(artifacts, "domain", "mx.example.org").Should().Equal("header:Received", "mail-relay");
        Single(artifacts, "domain", "evil.example").Should().Equal("body:text/plain", "content-ioc", "body:text/html", "header:From", "sender-domain");
        Single(artifacts, "hash", Convert.ToHexStringLower(SHA256.HashData(Pdf))).Should().Equal("body:attachment", "autoImport:true", "content-type:application/pdf");
        Single(artifacts, "filename", "payload.exe").Should().Equal("body:attachment", "autoImport:true", "content-type:application/octet-stream");
        Values(artifacts, "hash").Should().HaveCount(4, "one SHA-256 per attachment, as 2.1");

        var files = artifacts.Where(a => (string?)a[ArtifactKeys.DataType] == "file").ToList();
        files.Select(a => (string)a[ArtifactKeys.Filename]!).Should().Equal("invoice.pdf", "payload.exe", "forwarded.eml", "inner.docx");
        foreach (var (artifact, content) in files.Zip([Pdf, Exe, null, Docx]))
        {
            artifact[ArtifactKeys.Tags]!.Values<string>().Should().Contain(["body:attachment", "autoImport:true"]);
            var copy = Path.Combine(job.Directory, "output", (string)artifact[ArtifactKeys.File]!);
            File.GetUnixFileMode(copy).Should().Be(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            if (content is not null)
            {
                File.ReadAllBytes(copy).Should().Equal(content);
            }
        }

        MimeMessage.Load(Path.Combine(job.Directory, "output", (string)files[2][ArtifactKeys.File]!)).Subject.Should().Be("Fwd: the real invoice");
        Directory.GetFiles(Path.Combine(job.Directory, "output")).Should().HaveCount(5, "output.json and the four files");
    }

    [Test]
    public async Task NoArtifactAndNoFileWhenAutoExtractIsFalse()
    {
        using var job = EmlJob.Create(Lure(), config: new JObject { ["auto_extract"] = false });

        var run = await job.RunAsync(root, EmlJob.Command);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Output![ReportKeys.Artifacts]!.Should().BeEmpty();
        run.Output![ReportKeys.Full]!["attachments"]!.Should().HaveCount(4, "the report still describes them");
        Directory.GetFiles(Path.Combine(job.Directory, "output")).Select(Path.GetFileName).Should().Equal("output.json");
    }

    [Test]
    public async Task AttachmentNameThatIsAPathStaysInsideOutput()
    {
        var message = Plain();
        message.Body = new Multipart("mixed") { new TextPart("plain") { Text = "hi" }, Attachment("application", "octet-stream", "../../../../etc/cron.d/evil", Exe) };
        using var job = EmlJob.Create(message);

        var run = await job.RunAsync(root, EmlJob.Command);

        run.ExitCode.Should().Be(0, run.ToString());
        var file = ((JArray)run.Output![ReportKeys.Artifacts]!).Single(a => (string?)a[ArtifactKeys.DataType] == "file");
        ((string?)file[ArtifactKeys.Filename]).Should().Be("evil");
        File.ReadAllBytes(Path.Combine(job.Directory, "output", (string)file[ArtifactKeys.File]!)).Should().Equal(Exe);
        ((string?)run.Output![ReportKeys.Full]!["attachments"]![0]!["filename"]).Should().Be("../../../../etc/cron.d/evil", "the report says what the message says");
    }

    private static IEnumerable<string> Single(IEnumerable<JObject> artifacts, string dataType, string data) =>
        artifacts.Single(a => (string?)a[ArtifactKeys.DataType] == dataType && (string?)a[ArtifactKeys.Data] == data)[ArtifactKeys.Tags]!.Values<string>()!;

    private static IEnumerable<string> Values(IEnumerable<JObject> artifacts, string dataType) =>
        artifacts.Where(a => (string?)a[ArtifactKeys.DataType] == dataType).Select(a => (string)a[ArtifactKeys.Data]!);
}
