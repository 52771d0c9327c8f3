using System.Diagnostics;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.TestSupport.Browser;

/// <summary>
/// Debian's headless Chromium (<c>/usr/bin/chromium</c>, or CHROMIUM naming another), started on a loopback DevTools
/// port with its own profile, and driven over <see cref="DevToolsConnection"/>. One per test fixture; disposing it
/// ends the browser and its children.
/// </summary>
public sealed partial class Chromium : IAsyncDisposable
{
    /// <summary>The bound of every wait on the browser: generous, since a loaded machine only makes it slower.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly Process process;
    private readonly TemporaryDirectory profile;

    private Chromium(Process process, TemporaryDirectory profile, DevToolsConnection devTools)
    {
        this.process = process;
        this.profile = profile;
        DevTools = devTools;
    }

    public DevToolsConnection DevTools { get; }

    /// <summary>The browser's executable: CHROMIUM, else Debian's <c>/usr/bin/chromium</c>.</summary>
    public static string Executable => Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } given ? given : "/usr/bin/chromium";

    public static async Task<Chromium> StartAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: install Debian's chromium (apt-get install chromium; .ci/run does), or set CHROMIUM");
        }

        var profile = new TemporaryDirectory();
        var start = new ProcessStartInfo(Executable)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-background-networking", "--disable-sync", "--mute-audio", "--hide-scrollbars",
            "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", $"--user-data-dir={profile.Path}", "about:blank",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        try
        {
            _ = process.StandardOutput.ReadToEndAsync();
            var socket = await ListeningSocketAsync(process);
            using var limit = new CancellationTokenSource(Patience);
            var devTools = await DevToolsConnection.ConnectAsync(socket, limit.Token);
            return new Chromium(process, profile, devTools);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            profile.Dispose();
            throw;
        }
    }

    /// <summary>A new tab, attached to its own DevTools session.</summary>
    public async Task<BrowserPage> NewPageAsync(CancellationToken cancellationToken)
    {
        var target = (string)(await DevTools.SendAsync("Target.createTarget", new JObject { ["url"] = "about:blank" }, null, cancellationToken))["targetId"]!;
        var attached = await DevTools.SendAsync("Target.attachToTarget", new JObject { ["targetId"] = target, ["flatten"] = true }, null, cancellationToken);
        var page = new BrowserPage(DevTools, target, (string)attached["sessionId"]!);
        await page.EnableAsync(cancellationToken);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await DevTools.DisposeAsync();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        using var limit = new CancellationTokenSource(Patience);
        await process.WaitForExitAsync(limit.Token);
        process.Dispose();
        profile.Dispose();
    }

    /// <summary>The websocket the browser prints on standard error once it listens: <c>DevTools listening on ws://…</c>.</summary>
    private static async Task<Uri> ListeningSocketAsync(Process process)
    {
        using var limit = new CancellationTokenSource(Patience);
        var said = new List<string>();
        while (await process.StandardError.ReadLineAsync(limit.Token) is { } line)
        {
            if (Listening().Match(line) is { Success: true } match)
            {
                // The rest of standard error is drained, so that the browser never blocks on a full pipe.
                _ = process.StandardError.ReadToEndAsync();
                return new Uri(match.Groups[1].Value);
            }

            said.Add(line);
        }

        throw new InvalidOperationException($"{Executable} ended before it listened for DevTools:\n{string.Join('\n', said)}");
    }

    [GeneratedRegex(@"DevTools listening on (ws://127\.0\.0\.1:\d+/\S+)")]
    private static partial Regex Listening();
}
