using System.Text;

namespace Cortex.Responders.Testing.Http;

/// <summary>One scripted answer of an <see cref="HttpPeer"/>: a status, headers and a body.</summary>
public sealed class HttpPeerAnswer
{
    /// <summary>An answer with this status and body.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="body">The body, UTF-8; empty for none.</param>
    /// <param name="contentType">The body's Content-Type, or null for none.</param>
    public HttpPeerAnswer(int status, string body = "", string? contentType = "application/json")
    {
        ArgumentNullException.ThrowIfNull(body);
        Status = status;
        Body = Encoding.UTF8.GetBytes(body);
        ContentType = body.Length == 0 ? null : contentType;
    }

    /// <summary>The HTTP status.</summary>
    public int Status { get; }

    /// <summary>The body's bytes.</summary>
    public byte[] Body { get; }

    /// <summary>The body's Content-Type, or null.</summary>
    public string? ContentType { get; }

    /// <summary>Headers to send besides Content-Type (<c>Retry-After</c>…).</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>A JSON answer.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="status">The status (default 200).</param>
    /// <returns>The answer.</returns>
    public static HttpPeerAnswer Json(string json, int status = 200) => new(status, json);

    /// <summary>A plain-text answer.</summary>
    /// <param name="text">The text.</param>
    /// <param name="status">The status (default 200).</param>
    /// <returns>The answer.</returns>
    public static HttpPeerAnswer Text(string text, int status = 200) => new(status, text, "text/plain; charset=utf-8");

    /// <summary>A 429 or 503 answer that asks the client to come back after <paramref name="retryAfter"/> seconds.</summary>
    /// <param name="status">429 or 503.</param>
    /// <param name="retryAfter">The Retry-After seconds, or null for no header.</param>
    /// <returns>The answer.</returns>
    public static HttpPeerAnswer Busy(int status = 429, int? retryAfter = 0)
    {
        var answer = new HttpPeerAnswer(status, "{\"error\":\"slow down\"}");
        if (retryAfter is { } seconds)
        {
            answer.Headers["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return answer;
    }
}
