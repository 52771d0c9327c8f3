using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.TestSupport.Browser;

/// <summary>
/// Renders a long-report template as TheHive does: a page that loads AngularJS, angular-ui-bootstrap and Bootstrap 3
/// from npm, compiles the template against a <see cref="ReportScope"/>, and waits until Angular is stable. Any
/// Angular error (an unknown filter, <c>ngRepeat:dupes</c>, a parse error) or script error fails the render.
/// </summary>
public static class ReportTemplateRenderer
{
    /// <summary>Renders <paramref name="template"/> (the text of a long.html) with <paramref name="scope"/> in a new tab of <paramref name="browser"/>.</summary>
    public static async Task<RenderedReport> RenderAsync(Chromium browser, string template, ReportScope scope)
    {
        var folder = new TemporaryDirectory();
        try
        {
            var given = new JObject
            {
                ["template"] = template,
                ["content"] = scope.Content,
                ["success"] = scope.Success,
                ["status"] = scope.Status,
                ["artifact"] = scope.Artifact,
            };
            await File.WriteAllTextAsync(Path.Combine(folder.Path, "given.js"), $"window.reportGiven = {given.ToString(Formatting.None)};\n");
            await File.WriteAllTextAsync(Path.Combine(folder.Path, "harness.js"), Harness.Value);
            var page = Path.Combine(folder.Path, "report.html");
            await File.WriteAllTextAsync(page, Page());

            using var limit = new CancellationTokenSource(Chromium.Patience);
            var tab = await browser.NewPageAsync(limit.Token);
            try
            {
                await tab.LoadAsync(new Uri(page), limit.Token);
                var errors = await tab.EvaluateAsync("window.reportRendered.then(function () { return window.renderErrors; })", limit.Token);
                var rendered = new RenderedReport(tab, folder);
                var found = errors?.Values<string>().ToList() ?? [];
                if (found.Count > 0)
                {
                    await rendered.DisposeAsync();
                    throw new InvalidOperationException($"the template fails in TheHive's Angular: {string.Join("; ", found)}");
                }

                return rendered;
            }
            catch (Exception e) when (e is not InvalidOperationException)
            {
                await tab.DisposeAsync();
                throw;
            }
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    private static readonly Lazy<string> Harness = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("report-harness.js")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private static string Page() => $$"""
        <!DOCTYPE html>
        <html>
        <head>
        <meta charset="utf-8">
        <link rel="stylesheet" href="{{new Uri(BrowserPackages.BootstrapCss).AbsoluteUri}}">
        <script>
          window.renderErrors = [];
          window.addEventListener('error', function (e) { window.renderErrors.push('script error: ' + e.message); });
        </script>
        <script src="{{new Uri(BrowserPackages.Angular).AbsoluteUri}}"></script>
        <script src="{{new Uri(BrowserPackages.UiBootstrap).AbsoluteUri}}"></script>
        <script src="given.js"></script>
        <script src="harness.js"></script>
        </head>
        <body>
        <div id="app" class="container-fluid" style="padding-top: 15px"><div id="report"></div></div>
        </body>
        </html>
        """;
}
