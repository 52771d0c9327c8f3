using System.Text;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Testing.Http;

/// <summary>A request an <see cref="HttpPeer"/> received, as it came.</summary>
public sealed class HttpPeerRequest
{
    internal HttpPeerRequest(string method, string path, string query, IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        Method = method;
        Path = path;
        Query = query;
        Headers = headers;
        Body = body;
    }

    /// <summary>The method (<c>POST</c>).</summary>
    public string Method { get; }

    /// <summary>The path (<c>/hooks/notify</c>).</summary>
    public string Path { get; }

    /// <summary>The query string with its <c>?</c>, or empty.</summary>
    public string Query { get; }

    /// <summary>The headers by name (case-insensitive), repeated values joined with <c>", "</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The body's bytes.</summary>
    public byte[] Body { get; }

    /// <summary>The body as UTF-8 text.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The body parsed as JSON (as Cortex reads JSON).</summary>
    /// <returns>The JSON value.</returns>
    /// <exception cref="CortexJsonException">The body is not JSON.</exception>
    public JToken Json() => CortexJson.Parse(Body);

    /// <summary>The body read as a form (<c>application/x-www-form-urlencoded</c>).</summary>
    /// <returns>The fields by name (the last of a repeated name wins).</returns>
    public IReadOnlyDictionary<string, string> Form()
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in BodyText.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            fields[Decode(parts[0])] = parts.Length > 1 ? Decode(parts[1]) : string.Empty;
        }

        return fields;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Method} {Path}{Query}";

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
