using System.Diagnostics;
using Cortex.Responders;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Workers.Analyzers.EmlParser.Tests;

/// <summary>
/// email_visualisation: the HTML body drawn by Debian's wkhtmltoimage, or a report that says why not; and nothing of
/// the drawing left outside output/ (Qt's runtime folder, wkhtmltoimage's copy of the page), nor in it afterwards.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class VisualisationTests
{
    private static string root = string.Empty;

    [OneTimeSetUp]
    public async Task PublishAnalyzers() => root = await PublishedAnalyzers.PublishAsync("EmlParser");

    [Test]
    public async Task HtmlBodyIsDrawnAsAPng()
    {
        File.Exists("/usr/bin/wkhtmltoimage").Should().BeTrue("apt-get install wkhtmltopdf");
        using var job = EmlJob.Create(Messages.Lure(), config: new JObject { ["email_visualisation"] = true });

        var run = await job.RunAsync(root, EmlJob.Command);

        run.ExitCode.Should().Be(0, run.ToString());
        var html = run.Output![ReportKeys.Full]!["body"]!["text_html"]![0]!;
        var image = Convert.FromBase64String(((string)html["rendered_html"]!)["data:image/png;base64,".Length..]);
        image[..8].Should().Equal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        ((string?)run.Output![ReportKeys.Full]!["visualisation"]).Should().Be("rendered with wkhtmltoimage");
    }

    [Test]
    public async Task MissingWkhtmltoimageIsSaidInTheReport()
    {
        using var job = EmlJob.Create(Messages.Lure(), config: new JObject { ["email_visualisation"] = true, ["wkhtmltoimage_path"] = "/nonexistent/wkhtmltoimage" });

        var run = await job.RunAsync(root, EmlJob.Command);

        run.ExitCode.Should().Be(0, run.ToString());
        ((string?)run.Output![ReportKeys.Full]!["visualisation"]).Should().Be(
            "email_visualisation is on, but /nonexistent/wkhtmltoimage does not exist: install wkhtmltoimage (Debian's wkhtmltopdf package) or set wkhtmltoimage_path");
        run.Output![ReportKeys.Full]!["body"]!["text_html"]![0]!["rendered_html"].Should().BeNull();
    }

    /// <summary>
    /// The folders wkhtmltoimage would write into are pointed at one watched, empty folder (TMPDIR, XDG_RUNTIME_DIR, HOME):
    /// run straight, wkhtmltoimage leaves its runtime folder and a copy of the mail's HTML there; run by EmlParser, nothing.
    /// </summary>
    [Test]
    public async Task DrawingLeavesNothingOutsideOutput()
    {
        using var watched = new TemporaryDirectory();
        var environment = Outside(watched.Path);
        using var job = EmlJob.Create(Messages.Lure(), config: new JObject { ["email_visualisation"] = true });

        var run = await job.RunAsync(root, EmlJob.Command, environment: environment);

        run.ExitCode.Should().Be(0, run.ToString());
        ((string?)run.Output![ReportKeys.Full]!["visualisation"]).Should().Be("rendered with wkhtmltoimage");
        ((string?)run.Output![ReportKeys.Full]!["body"]!["text_html"]![0]!["rendered_html"]).Should().StartWith("data:image/png;base64,");
        Directory.EnumerateFileSystemEntries(watched.Path, "*", SearchOption.AllDirectories).Should().BeEmpty("EmlParser writes nothing outside output/");
        OutputEntries(job).Should().OnlyContain(name => name == "output.json" || name.StartsWith("artifact-", StringComparison.Ordinal),
            "the drawing's folder in output/ is deleted once the bodies are drawn");

        using var control = new TemporaryDirectory();
        await DrawStraightAsync("<p>Pay <a href=\"https://evil.example/login\">now</a></p>", Outside(control.Path));
        Directory.EnumerateFileSystemEntries(control.Path).Select(Path.GetFileName).Should().Contain(
            name => name!.StartsWith("wktemp-", StringComparison.Ordinal), "the watch sees what wkhtmltoimage writes when nobody points it elsewhere");
    }

    /// <summary>A program that writes where wkhtmltoimage writes, then fails: what it wrote goes with the drawing's folder.</summary>
    [Test]
    public async Task FailedDrawingLeavesNothingEither()
    {
        using var watched = new TemporaryDirectory();
        var script = Path.Combine(watched.Path, "..", $"{Path.GetFileName(watched.Path)}-not-an-image-program");
        await File.WriteAllTextAsync(script, "#!/bin/sh\ncat > \"$TMPDIR/wktemp-page.html\"\nmkdir -p \"$XDG_RUNTIME_DIR/runtime-x\" \"$HOME/.cache\"\necho \"cannot draw\" >&2\nexit 3\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            using var job = EmlJob.Create(Messages.Lure(), config: new JObject { ["email_visualisation"] = true, ["wkhtmltoimage_path"] = script });

            var run = await job.RunAsync(root, EmlJob.Command, environment: Outside(watched.Path));

            run.ExitCode.Should().Be(0, run.ToString());
            ((string?)run.Output![ReportKeys.Full]!["body"]!["text_html"]![0]!["rendering_error"]).Should().Be("wkhtmltoimage failed (exit 3): cannot draw");
            Directory.EnumerateFileSystemEntries(watched.Path, "*", SearchOption.AllDirectories).Should().BeEmpty();
            OutputEntries(job).Should().OnlyContain(name => name == "output.json" || name.StartsWith("artifact-", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static Dictionary<string, string> Outside(string folder) => new()
    {
        ["TMPDIR"] = folder,
        ["XDG_RUNTIME_DIR"] = folder,
        ["HOME"] = folder,
        ["XDG_CACHE_HOME"] = folder,
    };

    private static IEnumerable<string> OutputEntries(CortexJob job) =>
        Directory.EnumerateFileSystemEntries(Path.Combine(job.Directory, "output")).Select(path => Path.GetFileName(path)!);

    private static async Task DrawStraightAsync(string html, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("/usr/bin/wkhtmltoimage") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["--quiet", "--format", "png", "-", "-"])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["QT_QPA_PLATFORM"] = "offscreen";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var drain = Task.WhenAll(process.StandardOutput.BaseStream.CopyToAsync(Stream.Null), process.StandardError.ReadToEndAsync());
        await process.StandardInput.WriteAsync(html);
        process.StandardInput.Close();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(limit.Token);
        await drain;
    }
}
