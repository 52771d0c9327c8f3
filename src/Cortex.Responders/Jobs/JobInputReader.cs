using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Jobs;

/// <summary>Turns the bytes Cortex wrote (input/input.json or standard input) into the job's JSON object.</summary>
internal static class JobInputReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses <paramref name="bytes"/>; <paramref name="source"/> names where they came from in messages.</summary>
    /// <exception cref="JobInputException">The input is empty, not UTF-8, not JSON or not an object.</exception>
    public static JObject Parse(byte[] bytes, string source) => Parse(new MemoryStream(bytes, writable: false), source);

    /// <summary>
    /// Parses the job input as it streams in (a 50 MB input is never held twice as bytes and text);
    /// <paramref name="source"/> names where it came from in messages.
    /// </summary>
    /// <exception cref="JobInputException">The input is empty, not UTF-8, not JSON or not an object.</exception>
    public static JObject Parse(Stream stream, string source)
    {
        // A UTF-8 byte order mark is skipped; any byte that is not UTF-8 stops the read.
        using var text = new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024);
        using var reader = new JsonTextReader(text)
        {
            // Keep dates, numbers and strings exactly as TheHive sent them.
            DateParseHandling = DateParseHandling.None,
            MaxDepth = 256,
        };
        JToken token;
        try
        {
            if (text.Peek() == '\uFEFF')
            {
                text.Read();
            }

            if (!reader.Read())
            {
                throw new JobInputException($"the job input ({source}) is empty: it must be the JSON object Cortex writes for the job");
            }

            token = JToken.ReadFrom(reader);
            while (reader.Read())
            {
                // Anything but comments after the object makes JsonTextReader throw.
            }
        }
        catch (DecoderFallbackException)
        {
            var at = stream.CanSeek ? $" (bad byte at offset {FirstInvalidByte(stream)})" : string.Empty;
            throw new JobInputException(
                $"the job input ({source}) is not valid UTF-8{at}: Cortex writes UTF-8 JSON, check what produced it");
        }
        catch (JsonReaderException e)
        {
            throw new JobInputException($"the job input ({source}) is not valid JSON: {e.Message}");
        }

        return token as JObject ?? throw new JobInputException(
            $"the job input ({source}) must be a JSON object, but it is {JsonDescription.Of(token)}");
    }

    private static long FirstInvalidByte(Stream stream)
    {
        stream.Position = 0;
        var bytes = new byte[64 * 1024];
        var chars = new char[bytes.Length];
        long offset = 0;
        var carried = 0;
        int read;
        while ((read = stream.Read(bytes, carried, bytes.Length - carried)) > 0 || carried > 0)
        {
            var length = carried + read;
            var status = Utf8.ToUtf16(bytes.AsSpan(0, length), chars, out var consumed, out _, replaceInvalidSequences: false, isFinalBlock: read == 0);
            if (status == OperationStatus.InvalidData)
            {
                return offset + consumed;
            }

            // Keep an incomplete sequence at the end of the block for the next one.
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
