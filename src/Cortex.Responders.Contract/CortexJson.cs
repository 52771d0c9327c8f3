using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders;

/// <summary>
/// JSON as Cortex reads and writes it. Reading is strict (RFC 8259, as Jackson's defaults): no comments,
/// single quotes, unquoted names, trailing commas, <c>NaN</c>/<c>Infinity</c>, hexadecimal numbers,
/// <c>undefined</c> or <c>new Date(…)</c>, which Newtonsoft's own reader would accept; dates stay the strings
/// they are; nesting up to <see cref="MaxDepth"/>. Writing can only produce JSON: a value JSON cannot carry is
/// refused rather than written.
/// </summary>
public static class CortexJson
{
    /// <summary>The deepest nesting read (Jackson's default limit).</summary>
    public const int MaxDepth = 1000;

    /// <summary>The longest number read, in characters (Jackson's default limit).</summary>
    public const int MaxNumberLength = 1000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly CortexJsonReadOptions Strict = new();

    /// <summary>Reads one JSON value from UTF-8 bytes.</summary>
    /// <param name="utf8">The bytes.</param>
    /// <param name="options">How strictly; by default a single value and nothing else.</param>
    /// <returns>The value; dates stay strings.</returns>
    /// <exception cref="CortexJsonException">The bytes are empty, not UTF-8, or not JSON as Cortex reads it.</exception>
    public static JToken Parse(byte[] utf8, CortexJsonReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        return Parse(new MemoryStream(utf8, writable: false), options);
    }

    /// <summary>Reads one JSON value from a text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="options">How strictly; by default a single value and nothing else.</param>
    /// <returns>The value; dates stay strings.</returns>
    /// <exception cref="CortexJsonException">The text is empty or not JSON as Cortex reads it.</exception>
    public static JToken Parse(string text, CortexJsonReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(Utf8NoBom.GetBytes(text), options);
    }

    /// <summary>
    /// Reads one JSON value from a stream of UTF-8 bytes, which it reads twice when it can seek (a large job
    /// input is never held as bytes and text at once).
    /// </summary>
    /// <param name="stream">The bytes.</param>
    /// <param name="options">How strictly; by default a single value and nothing else.</param>
    /// <returns>The value; dates stay strings.</returns>
    /// <exception cref="CortexJsonException">The bytes are empty, not UTF-8, or not JSON as Cortex reads it.</exception>
    public static JToken Parse(Stream stream, CortexJsonReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= Strict;
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            stream = copy;
        }

        var start = stream.Position;
        var skip = StrictJsonCheck.Check(stream, options);
        stream.Position = start + skip;
        return Load(stream, options);
    }

    /// <summary>Writes <paramref name="value"/> as compact UTF-8 JSON without a byte order mark, non-ASCII characters unescaped.</summary>
    /// <param name="value">The value.</param>
    /// <param name="stream">Where to write.</param>
    /// <exception cref="ArgumentException">
    /// <paramref name="value"/> holds something JSON cannot carry (raw text, undefined, a constructor, NaN or an
    /// infinity); nothing usable is written.
    /// </exception>
    public static void Write(JToken value, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(stream);
        if (FirstNonJson(value) is { } bad)
        {
            throw new ArgumentException($"{Describe(bad)} at \"{bad.Path}\" cannot be written as JSON", nameof(value));
        }

        using var text = new StreamWriter(stream, Utf8NoBom, bufferSize: 16 * 1024, leaveOpen: true);
        new CompactJsonWriter(text).Write(value);
    }

    /// <summary>The compact JSON text of <paramref name="value"/> (see <see cref="Write(JToken, Stream)"/>).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The UTF-8 bytes.</returns>
    public static byte[] Serialize(JToken value)
    {
        using var buffer = new MemoryStream();
        Write(value, buffer);
        return buffer.ToArray();
    }

    /// <summary>The first value in <paramref name="token"/> JSON cannot carry (raw text, undefined, a constructor, a comment, NaN or an infinity), or null.</summary>
    internal static JToken? FirstNonJson(JToken token)
    {
        if (IsNonJson(token))
        {
            return token;
        }

        return token is JContainer container ? container.Descendants().FirstOrDefault(IsNonJson) : null;
    }

    private static bool IsNonJson(JToken token) =>
        token.Type is JTokenType.Raw or JTokenType.Undefined or JTokenType.Constructor or JTokenType.Comment
        || (token.Type == JTokenType.Float && token is JValue { Value: double d } && !double.IsFinite(d))
        || (token.Type == JTokenType.Float && token is JValue { Value: float f } && !float.IsFinite(f));

    private static string Describe(JToken token) => token.Type switch
    {
        JTokenType.Float => $"the number {((JValue)token).Value}",
        _ => $"a {token.Type.ToString().ToLowerInvariant()} value",
    };

    private static JToken Load(Stream stream, CortexJsonReadOptions options)
    {
        var start = stream.Position;
        using var text = new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: true);
        using var reader = new JsonTextReader(text)
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Double,
            MaxDepth = null,
            SupportMultipleContent = false,
        };
        try
        {
            reader.Read();
            return JToken.ReadFrom(reader, new JsonLoadSettings
            {
                LineInfoHandling = options.LineInfo ? LineInfoHandling.Load : LineInfoHandling.Ignore,
                DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Replace,
                CommentHandling = CommentHandling.Ignore,
            });
        }
        catch (DecoderFallbackException)
        {
            throw new CortexJsonException($"it is not valid UTF-8 (bad byte at offset {StrictJsonCheck.FirstInvalidByte(stream, start)}): Cortex reads UTF-8", 0, 0);
        }
        catch (JsonReaderException e)
        {
            // The strict check passed, so this is a limit of Newtonsoft's, not a syntax error. Its message may quote
            // the input and name the path: neither is kept, the place is the line and column.
            var cut = e.Message.IndexOf(" Path ", StringComparison.Ordinal);
            throw new CortexJsonException(StrictJsonCheck.Unquoted((cut > 0 ? e.Message[..cut] : e.Message).Trim().TrimEnd('.', ',')), e.LineNumber, e.LinePosition);
        }
    }
}
