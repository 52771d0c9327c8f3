using System.Buffers;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace Cortex.Responders;

/// <summary>
/// The strict half of <see cref="CortexJson"/>'s reading: System.Text.Json's reader checks the bytes as Jackson's
/// defaults would (no comments, no trailing commas, numbers Cortex can hold, nesting), and its errors are told by
/// line and column without quoting the input, which may hold a job's secrets.
/// </summary>
internal static class StrictJsonCheck
{
    private const string EmptyReason = "it is empty: there is no JSON value in it";

    /// <summary>Checks the bytes with System.Text.Json's strict reader; returns how many bytes of BOM to skip.</summary>
    internal static int Check(Stream stream, CortexJsonReadOptions options)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var state = new JsonReaderState(new JsonReaderOptions
            {
                CommentHandling = JsonCommentHandling.Disallow,
                AllowTrailingCommas = false,
                MaxDepth = CortexJson.MaxDepth,
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
        if (length > CortexJson.MaxNumberLength)
        {
            throw new CortexJsonException($"a number of {length} characters is longer than the {CortexJson.MaxNumberLength} Cortex reads", 0, 0);
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
    internal static string Unquoted(string reason)
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

    /// <summary>The offset of the first byte from <paramref name="start"/> on that is not UTF-8.</summary>
    internal static long FirstInvalidByte(Stream stream, long start)
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
