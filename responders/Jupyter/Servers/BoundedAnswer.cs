namespace Cortex.Workers.Responders.Jupyter.Servers;

/// <summary>
/// Reads a server's answer up to <see cref="MaxBytes"/>: a hostile or broken server that answers hundreds of
/// megabytes fails the job in one line instead of holding that much memory (and several times it once parsed).
/// </summary>
internal static class BoundedAnswer
{
    /// <summary>The largest answer read from a Jupyter server or a Hub (a notebook with its outputs fits well below).</summary>
    public const int MaxBytes = 64 * 1024 * 1024;

    public static string Limit => $"{MaxBytes / 1024 / 1024} MiB";

    /// <summary>The answer's bytes, or an exception naming <paramref name="what"/> when there are more than <see cref="MaxBytes"/>.</summary>
    /// <exception cref="JupyterException">The answer is larger than the limit.</exception>
    public static async Task<MemoryStream> ReadAsync(HttpContent content, Uri server, string what, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxBytes)
        {
            throw TooLarge(server, what);
        }

        var buffer = new MemoryStream();
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                await buffer.DisposeAsync();
                throw TooLarge(server, what);
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return buffer;
    }

    /// <summary>A stream that fails once more than <see cref="MaxBytes"/> have been read from it (for answers read as they come).</summary>
    public static Stream Bounded(Stream inner, Uri server, string what) => new LimitedStream(inner, MaxBytes, () => TooLarge(server, what));

    private static JupyterException TooLarge(Uri server, string what) =>
        new($"the server at {server} answered over {Limit} while {what}, more than a notebook run reads; check that the URL names a Jupyter server, "
            + "and keep notebooks (with their outputs) under that size");
}
