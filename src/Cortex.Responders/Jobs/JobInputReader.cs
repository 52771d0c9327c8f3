using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Jobs;

/// <summary>Turns the bytes Cortex wrote (input/input.json or standard input) into the job's JSON object.</summary>
internal static class JobInputReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses <paramref name="bytes"/>; <paramref name="source"/> names where they came from in messages.</summary>
    /// <exception cref="JobInputException">The input is empty, not UTF-8, not JSON or not an object.</exception>
    public static JObject Parse(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new JobInputException(
                $"the job input ({source}) is not valid UTF-8 (bad byte at offset {e.Index}): Cortex writes UTF-8 JSON, check what produced this file");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new JobInputException($"the job input ({source}) is empty: it must be the JSON object Cortex writes for the job");
        }

        using var reader = new JsonTextReader(new StringReader(text))
        {
            // Keep dates, numbers and strings exactly as TheHive sent them.
            DateParseHandling = DateParseHandling.None,
            MaxDepth = 256,
        };
        JToken token;
        try
        {
            token = JToken.ReadFrom(reader);
            if (reader.Read() && reader.TokenType != JsonToken.Comment)
            {
                throw new JobInputException(
                    $"the job input ({source}) has more than one JSON value (line {reader.LineNumber}, position {reader.LinePosition}): it must be a single JSON object");
            }
        }
        catch (JsonReaderException e)
        {
            throw new JobInputException($"the job input ({source}) is not valid JSON: {e.Message}");
        }

        return token as JObject ?? throw new JobInputException(
            $"the job input ({source}) must be a JSON object, but it is {JsonDescription.Of(token)}");
    }
}
