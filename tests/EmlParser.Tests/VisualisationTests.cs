using Cortex.Responders;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Workers.Analyzers.EmlParser.Tests;

/// <summary>email_visualisation: the HTML body drawn by Debian's wkhtmltoimage, or a report that says why not.</summary>
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
}
