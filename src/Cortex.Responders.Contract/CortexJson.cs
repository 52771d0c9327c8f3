using System.Buffers;
using System.Numerics;
using System.Text;
using System.Text.Json;
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
    private const string EmptyReason = "it is empty: there is no JSON value in it";

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
        var skip = Validate(stream, options);
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

    /// <summary>Checks the bytes with System.Text.Json's strict reader; returns how many bytes of BOM to skip.</summary>
    private static int Validate(Stream stream, CortexJsonReadOptions options)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var state = new JsonReaderState(new JsonReaderOptions
            {
                CommentHandling = JsonCommentHandling.Disallow,
                AllowTrailingCommas = false,
                MaxDepth = MaxDepth,
            });
            var filled = 0;
            var skip = 0;
            var first = true;
            var sawValue = false;
            var finished = false;
            while (true)
            {
                var read = stream.Read(buffer, filled, buffer.Length - filled);
                filled += read;
                var final = read == 0;
                var offset = 0;
                if (first)
                {
                    if (filled < 3 && !final)
                    {
                        continue;
                    }

                    first = false;
                    if (buffer.AsSpan(0, filled).StartsWith("\uFEFF"u8))
                    {
                        if (!options.AllowByteOrderMark)
                        {
                            throw new CortexJsonException("it starts with a UTF-8 byte order mark, which Cortex does not read: save it as UTF-8 without BOM", 1, 1);
                        }

                        skip = offset = 3;
                    }
                }

                var reader = new Utf8JsonReader(buffer.AsSpan(offset, filled - offset), final, state);
                try
                {
                    while (reader.Read())
                    {
                        sawValue = true;
                        if (reader.TokenType == JsonTokenType.Number)
                        {
                            CheckNumber(ref reader);
                        }

                        if (reader.CurrentDepth == 0 && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray or JsonTokenType.PropertyName))
                        {
                            if (options.IgnoreTrailingContent)
                            {
                                finished = true;
                                break;
                            }
                        }
                    }
                }
                catch (System.Text.Json.JsonException e) when (!sawValue && e.Message.Contains("does not contain any JSON tokens", StringComparison.Ordinal))
                {
                    throw new CortexJsonException(EmptyReason, 0, 0);
                }
                catch (System.Text.Json.JsonException e)
                {
                    throw Syntax(e);
                }

                if (finished || final)
                {
                    break;
                }

                state = reader.CurrentState;
                var consumed = offset + (int)reader.BytesConsumed;
                var left = filled - consumed;
                if (left == buffer.Length)
                {
                    // One token is larger than the buffer: grow it.
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                else
                {
                    buffer.AsSpan(consumed, left).CopyTo(buffer);
                    filled = left;
                }
            }

            if (!sawValue)
            {
                throw new CortexJsonException(EmptyReason, 0, 0);
            }

            return skip;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void CheckNumber(ref Utf8JsonReader reader)
    {
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > MaxNumberLength)
        {
            throw new CortexJsonException($"a number of {length} characters is longer than the {MaxNumberLength} Cortex reads", 0, 0);
        }

        if (!reader.TryGetInt64(out _) && (!reader.TryGetDouble(out var value) || !double.IsFinite(value)))
        {
            var digits = reader.HasValueSequence ? Encoding.ASCII.GetString(reader.ValueSequence.ToArray()) : Encoding.ASCII.GetString(reader.ValueSpan);
            if (!digits.Contains('e', StringComparison.OrdinalIgnoreCase) && !digits.Contains('.', StringComparison.Ordinal) && BigInteger.TryParse(digits, out _))
            {
                return;
            }

            throw new CortexJsonException($"the number {(digits.Length > 40 ? digits[..40] + "…" : digits)} is out of range", 0, 0);
        }
    }

    private static CortexJsonException Syntax(System.Text.Json.JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        }

        var reason = Unquoted((cut > 0 ? message[..cut] : message).Trim().TrimEnd('.'));
        return new CortexJsonException(reason, (e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1);
    }

    /// <summary>
    /// The parser's reason without the input text it quotes: a bad literal's message quotes the rest of the input
    /// (a job's secrets with it). Only the literal expected, one of a fixed set, stays; the place is the line and column.
    /// </summary>
    private static string Unquoted(string reason)
    {
        foreach (var literal in (string[])["null", "true", "false"])
        {
            if (reason.Contains($"Expected the literal '{literal}'", StringComparison.Ordinal))
            {
                return $"an invalid literal: expected {literal}";
            }
        }

        var first = reason.IndexOf('\'');
        var last = reason.LastIndexOf('\'');
        return first < 0 ? reason : last > first
            ? $"{reason[..first]}a character{reason[(last + 1)..]}"
            : "the text there is not JSON";
    }

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
            throw new CortexJsonException($"it is not valid UTF-8 (bad byte at offset {FirstInvalidByte(stream, start)}): Cortex reads UTF-8", 0, 0);
        }
        catch (JsonReaderException e)
        {
            // The strict check passed, so this is a limit of Newtonsoft's, not a syntax error. Its message may quote
            // the input and name the path: neither is kept, the place is the line and column.
            var cut = e.Message.IndexOf(" Path ", StringComparison.Ordinal);
            throw new CortexJsonException(Unquoted((cut > 0 ? e.Message[..cut] : e.Message).Trim().TrimEnd('.', ',')), e.LineNumber, e.LinePosition);
        }
    }

    private static long FirstInvalidByte(Stream stream, long start)
    {
        stream.Position = start;
        var bytes = new byte[64 * 1024];
        var chars = new char[bytes.Length];
        long offset = 0;
        var carried = 0;
        int read;
        while ((read = stream.Read(bytes, carried, bytes.Length - carried)) > 0 || carried > 0)
        {
            var length = carried + read;
            var status = System.Text.Unicode.Utf8.ToUtf16(bytes.AsSpan(0, length), chars, out var consumed, out _, replaceInvalidSequences: false, isFinalBlock: read == 0);
            if (status == OperationStatus.InvalidData)
            {
                return offset + consumed;
            }

            carried = length - consumed;
            bytes.AsSpan(consumed, carried).CopyTo(bytes);
            offset += consumed;
            if (read == 0)
            {
                break;
            }
        }

        return offset;
    }
}
