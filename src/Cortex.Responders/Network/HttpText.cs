using System.Globalization;
using System.Security.Authentication;
using System.Text;

namespace Cortex.Responders.Network;

/// <summary>How <see cref="JobHttp"/> tells a request and its failure in one line: the URL without credentials, a short excerpt of the body, the reason.</summary>
internal static class HttpText
{
    /// <summary>How much of an answer's body is read for its excerpt, in bytes.</summary>
    internal const int ExcerptBytes = 4096;

    /// <summary>A URL as messages show it: no user name or password, the job's secrets removed by the caller.</summary>
    internal static string Display(Uri? uri)
    {
        if (uri is null)
        {
            return "(no URL)";
        }

        if (!uri.IsAbsoluteUri)
        {
            return uri.OriginalString;
        }

        return uri.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.UserInfo, UriFormat.UriEscaped);
    }

    internal static async Task<string> ExcerptAsync(HttpResponseMessage response, CancellationToken token)
    {
        var buffer = new byte[ExcerptBytes];
        var length = 0;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), token).ConfigureAwait(false)) > 0)
            {
                length += read;
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            // The status says enough when the body cannot be read.
        }

        return length == 0 ? "an empty body" : Clip(Encoding.UTF8.GetString(buffer, 0, length));
    }

    /// <summary>The first <see cref="JobHttp.ExcerptLength"/> characters, white space collapsed (the job's output wants one line).</summary>
    internal static string Clip(string text)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= JobHttp.ExcerptLength ? line : line[..JobHttp.ExcerptLength] + "…";
    }

    internal static string Reason(Exception exception)
    {
        var reason = exception.Message;
        var inner = exception.InnerException;
        while (inner?.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        if (inner is not null && !reason.Contains(inner.Message, StringComparison.Ordinal))
        {
            reason = exception is HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } || inner is AuthenticationException
                ? $"the TLS connection failed: {inner.Message}"
                : $"{reason.TrimEnd('.')}: {inner.Message}";
        }

        return reason;
    }

    internal static string Seconds(TimeSpan time) => $"{Math.Ceiling(time.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s";
}
