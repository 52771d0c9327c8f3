using Newtonsoft.Json.Linq;

namespace Cortex.Responders.TestSupport.Browser;

/// <summary>One tab of <see cref="Chromium"/>: load a page, evaluate JavaScript in it, take a screenshot.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly DevToolsConnection devTools;
    private readonly string target;
    private readonly string session;

    internal BrowserPage(DevToolsConnection devTools, string target, string session)
    {
        this.devTools = devTools;
        this.target = target;
        this.session = session;
    }

    /// <summary>Loads <paramref name="url"/> and returns once its load event has fired.</summary>
    public async Task LoadAsync(Uri url, CancellationToken cancellationToken)
    {
        var loaded = devTools.NextEvent(session, "Page.loadEventFired");
        var navigated = await Send("Page.navigate", new JObject { ["url"] = url.AbsoluteUri }, cancellationToken);
        if (navigated["errorText"] is { } error && ((string?)error)?.Length > 0)
        {
            throw new InvalidOperationException($"Chromium cannot load {url}: {error}");
        }

        await loaded.WaitAsync(cancellationToken);
    }

    /// <summary>The value of <paramref name="expression"/> (a promise is awaited), as JSON; a thrown exception fails.</summary>
    public async Task<JToken?> EvaluateAsync(string expression, CancellationToken cancellationToken)
    {
        var result = await Send("Runtime.evaluate", new JObject
        {
            ["expression"] = expression,
            ["awaitPromise"] = true,
            ["returnByValue"] = true,
        }, cancellationToken);
        if (result["exceptionDetails"] is JObject exception)
        {
            throw new InvalidOperationException($"JavaScript failed: {exception["exception"]?["description"] ?? exception["text"]}");
        }

        return result["result"]?["value"];
    }

    /// <summary>A PNG of the whole page, as tall as its content.</summary>
    public async Task<byte[]> ScreenshotAsync(CancellationToken cancellationToken)
    {
        var metrics = await Send("Page.getLayoutMetrics", null, cancellationToken);
        var height = Math.Clamp((int)Math.Ceiling((double?)metrics["cssContentSize"]?["height"] ?? 800), 200, 16000);
        await Send("Emulation.setDeviceMetricsOverride", new JObject { ["width"] = 1280, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false }, cancellationToken);
        var shot = await Send("Page.captureScreenshot", new JObject { ["format"] = "png", ["captureBeyondViewport"] = true }, cancellationToken);
        return Convert.FromBase64String((string)shot["data"]!);
    }

    public async ValueTask DisposeAsync()
    {
        using var limit = new CancellationTokenSource(Chromium.Patience);
        try
        {
            await devTools.SendAsync("Target.closeTarget", new JObject { ["targetId"] = target }, null, limit.Token);
        }
        catch (InvalidOperationException)
        {
            // The browser has gone: nothing left to close.
        }
    }

    internal async Task EnableAsync(CancellationToken cancellationToken)
    {
        await Send("Page.enable", null, cancellationToken);
        await Send("Runtime.enable", null, cancellationToken);
        await Send("Emulation.setDeviceMetricsOverride", new JObject { ["width"] = 1280, ["height"] = 800, ["deviceScaleFactor"] = 1, ["mobile"] = false }, cancellationToken);
    }

    private Task<JObject> Send(string method, JObject? parameters, CancellationToken cancellationToken) =>
        devTools.SendAsync(method, parameters, session, cancellationToken);
}
