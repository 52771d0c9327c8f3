using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.TestSupport.Browser;

/// <summary>A template rendered by <see cref="ReportTemplateRenderer"/>: what the analyst sees, read from the live page.</summary>
public sealed class RenderedReport : IAsyncDisposable
{
    private readonly BrowserPage page;
    private readonly TemporaryDirectory folder;

    internal RenderedReport(BrowserPage page, TemporaryDirectory folder)
    {
        this.page = page;
        this.folder = folder;
    }

    /// <summary>The text the analyst sees in the whole report (hidden elements left out, as <c>innerText</c> does).</summary>
    public async Task<string> TextAsync() => await TextAsync("#report") ?? string.Empty;

    /// <summary>The visible text of the first element that matches <paramref name="selector"/>, or null when none does.</summary>
    public async Task<string?> TextAsync(string selector) =>
        (string?)await Evaluate($"(function () {{ var e = document.querySelector({Quote(selector)}); return e ? e.innerText.trim() : null; }})()");

    /// <summary>The visible text of every element that matches <paramref name="selector"/>, in page order.</summary>
    public async Task<IReadOnlyList<string>> TextsAsync(string selector) =>
        (await Evaluate($"Array.prototype.map.call(document.querySelectorAll({Quote(selector)}), function (e) {{ return e.innerText.trim(); }})"))?
        .Values<string>().Select(s => s ?? string.Empty).ToList() ?? [];

    /// <summary>The value of a JavaScript expression in the page.</summary>
    public Task<JToken?> Evaluate(string expression)
    {
        using var limit = new CancellationTokenSource(Chromium.Patience);
        return page.EvaluateAsync(expression, limit.Token);
    }

    /// <summary>Saves a screenshot of the report as <paramref name="name"/>.png and attaches it to the running test.</summary>
    public async Task<string> AttachScreenshotAsync(string name)
    {
        using var limit = new CancellationTokenSource(Chromium.Patience);
        var png = await page.ScreenshotAsync(limit.Token);
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "report-screenshots");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"{string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'))}.png");
        await File.WriteAllBytesAsync(file, png);
        TestContext.AddTestAttachment(file, $"What the analyst sees: {name}");
        return file;
    }

    public async ValueTask DisposeAsync()
    {
        await page.DisposeAsync();
        folder.Dispose();
    }

    private static string Quote(string text) => JsonConvert.ToString(text);
}
