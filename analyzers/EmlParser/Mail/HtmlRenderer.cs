using System.Diagnostics;

namespace Cortex.Workers.Analyzers.EmlParser.Mail;

/// <summary>
/// <c>email_visualisation</c>: an HTML body drawn as a PNG by <c>wkhtmltoimage</c> (Debian's <c>wkhtmltopdf</c>),
/// as 2.1 shows it (<c>rendered_html</c>, a data URL). The page goes on standard input and the image comes on
/// standard output; what the program writes itself goes into a <see cref="RenderingFolder"/> in output/, never
/// outside. No script runs and no image is fetched; the image and the time are bounded.
/// </summary>
internal sealed class HtmlRenderer
{
    /// <summary>The widest image (pixels), as 2.1's default <c>width_size</c>.</summary>
    public const int Width = 1024;

    /// <summary>The largest image kept; a larger one is said, not embedded.</summary>
    public const int MaxImageBytes = 4 * 1024 * 1024;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly string path;

    public HtmlRenderer(string path) => this.path = path;

    /// <summary>Why no body can be drawn (the program is missing), or null when it can.</summary>
    public string? Unavailable => File.Exists(path)
        ? null
        : $"email_visualisation is on, but {path} does not exist: install wkhtmltoimage (Debian's wkhtmltopdf package) or set wkhtmltoimage_path";

    /// <summary>The body as a PNG data URL, or the one-line reason it could not be drawn.</summary>
    /// <param name="html">The HTML body.</param>
    /// <param name="folder">Where the program may write (its home, temporary and runtime folder).</param>
    /// <param name="cancellationToken">The job's stop.</param>
    public async Task<(string? DataUrl, string? Error)> RenderAsync(string html, RenderingFolder folder, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--quiet", "--format", "png", "--width", $"{Width}", "--disable-javascript", "--no-images",
                     "--encoding", "UTF-8", "--load-error-handling", "ignore", "--load-media-error-handling", "ignore", "-", "-"])
        {
            start.ArgumentList.Add(argument);
        }

        // Debian's build draws without an X server on Qt's offscreen platform.
        start.Environment["QT_QPA_PLATFORM"] = "offscreen";
        folder.Apply(start);
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (null, $"{path} could not be started ({e.Message}): check wkhtmltoimage_path");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            var image = ReadBoundedAsync(process.StandardOutput.BaseStream, timeout.Token);
            await process.StandardInput.WriteAsync(html.AsMemory(), timeout.Token).ConfigureAwait(false);
            process.StandardInput.Close();
            var png = await image.ConfigureAwait(false);
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            var stderr = (await errors.ConfigureAwait(false)).Trim();
            if (png is null)
            {
                return (null, $"the rendered image is larger than {MaxImageBytes} bytes: not embedded");
            }

            return process.ExitCode == 0 && png.Length > 0
                ? ($"data:image/png;base64,{Convert.ToBase64String(png)}", null)
                : (null, $"wkhtmltoimage failed (exit {process.ExitCode}): {FirstLine(stderr)}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"wkhtmltoimage took longer than {Timeout.TotalSeconds} s: not rendered");
        }
        catch (IOException e)
        {
            return (null, $"wkhtmltoimage failed: {e.Message}");
        }
        finally
        {
            if (!process.HasExited)
            {
                // Ended before its folder is deleted, so that it writes nothing there afterwards.
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
    }

    private static async Task<byte[]?> ReadBoundedAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxImageBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "no message";
}
