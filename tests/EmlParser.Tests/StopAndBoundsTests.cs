using System.Diagnostics;
using System.Text;
using Cortex.Responders;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Workers.Analyzers.EmlParser.Tests;

/// <summary>The published EmlParser writes nowhere but output/, leaves no file a stopped job does not name, and keeps to its bounds.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class StopAndBoundsTests
{
    private static string root = string.Empty;

    [OneTimeSetUp]
    public async Task PublishAnalyzers() => root = await PublishedAnalyzers.PublishAsync("EmlParser");

    [Test]
    public async Task NoTemporaryFolderIsNeeded()
    {
        using var job = EmlJob.Create(Messages.Lure());

        var run = await job.RunAsync(root, EmlJob.Command, environment: new Dictionary<string, string> { ["TMPDIR"] = "/nonexistent/emlparser" });

        run.ExitCode.Should().Be(0, run.ToString());
        run.Output![ReportKeys.Artifacts]!.Count(a => (string?)a[ArtifactKeys.DataType] == "file").Should().Be(4);
    }

    [Test]
    public async Task StoppedJobLeavesNoFileItsOutputDoesNotName()
    {
        using var job = EmlJob.Create(stream => ManyParts(stream, parts: 1_000, bytes: 64 * 1024));
        var output = Path.Combine(job.Directory, "output");
        var start = new ProcessStartInfo(Path.Combine(root, EmlJob.Command)) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(job.Directory);
        using var process = Process.Start(start)!;
        var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());

        // The event: the first attachment's file is in output/, 999 others still to come; then SIGTERM, as Cortex's timeout.
        for (var i = 0; i < 20_000 && !process.HasExited && !Directory.EnumerateFiles(output, "artifact-*").Any(); i++)
        {
            await Task.Delay(1);
        }

        using (var kill = Process.Start("/usr/bin/kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await process.WaitForExitAsync();
        await drain;
        var result = JObject.Parse(await File.ReadAllTextAsync(Path.Combine(output, "output.json")));
        var named = (result[ReportKeys.Artifacts] ?? new JArray()).Select(a => (string?)a[ArtifactKeys.File]).Where(name => name is not null).ToHashSet();
        Directory.GetFiles(output, "artifact-*").Select(Path.GetFileName).Where(name => !named.Contains(name)).Should().BeEmpty("no file the output does not name is left behind");
        ((bool)result[ReportKeys.Success]!).Should().BeFalse("SIGTERM came while 999 parts were still to decode");
        Directory.GetFiles(output).Select(Path.GetFileName).Should().Equal("output.json");
    }

    [Test]
    public async Task TenThousandPartsAreBoundedAndSaySo()
    {
        using var job = EmlJob.Create(stream => ManyParts(stream, parts: 10_000, bytes: 200));

        var run = await job.RunAsync(root, EmlJob.Command);

        run.ExitCode.Should().Be(0, run.ToString());
        var full = run.Output![ReportKeys.Full]!;
        full["attachments"]!.Should().HaveCount(1_000);
        ((int)full["message"]!["attachment_count"]!).Should().Be(10_000);
        ((int)run.Output![ReportKeys.Summary]![ReportKeys.Taxonomies]![0]![TaxonomyKeys.Value]!).Should().Be(10_000);
        full["bounds"]!["cut"]!.Values<string>().Should().Contain(cut => cut!.StartsWith("attachments: only the first 1,000", StringComparison.Ordinal));
        Directory.GetFiles(Path.Combine(job.Directory, "output"), "artifact-*").Should().HaveCount(1_000);
    }

    [Test]
    public async Task LongHeaderIsCutAndSaysSo()
    {
        using var job = EmlJob.Create(stream => stream.Write(Encoding.ASCII.GetBytes($"From: a@example.org\r\nSubject: {new string('x', 1_000_000)}\r\n\r\nbody\r\n")));

        var run = await job.RunAsync(root, EmlJob.Command);

        run.ExitCode.Should().Be(0, run.ToString());
        ((string)run.Output![ReportKeys.Full]!["headers"]!["subject"]![0]!).Should().HaveLength(16 * 1024);
        run.Output![ReportKeys.Full]!["bounds"]!["cut"]!.Values<string>().Should().Contain("headers.subject: a value of 1,000,003 bytes is cut at 16,384 characters");
    }

    private static void ManyParts(Stream stream, int parts, int bytes)
    {
        var random = new Random(7);
        var content = new byte[bytes];
        using var writer = new StreamWriter(stream, Encoding.ASCII, leaveOpen: true) { NewLine = "\r\n" };
        writer.Write("From: a@example.org\r\nSubject: many\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n");
        for (var i = 0; i < parts; i++)
        {
            random.NextBytes(content);
            writer.Write($"--B\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=f{i}.bin\r\nContent-Transfer-Encoding: base64\r\n\r\n");
            writer.Write(Convert.ToBase64String(content, Base64FormattingOptions.InsertLineBreaks));
            writer.Write("\r\n");
        }

        writer.Write("--B--\r\n");
    }
}
