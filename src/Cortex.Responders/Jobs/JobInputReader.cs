using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Jobs;

/// <summary>Turns the bytes Cortex wrote (input/input.json or standard input) into the job's JSON object, read as strictly as Cortex writes it.</summary>
internal static class JobInputReader
{
    private static readonly CortexJsonReadOptions Options = new() { AllowByteOrderMark = true };

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
        JToken token;
        try
        {
            token = CortexJson.Parse(stream, Options);
        }
        catch (CortexJsonException e) when (e.Line == 0 && e.Reason.StartsWith("it is empty", StringComparison.Ordinal))
        {
            throw new JobInputException($"the job input ({source}) is empty: it must be the JSON object Cortex writes for the job");
        }
        catch (CortexJsonException e) when (e.Reason.StartsWith("it is not valid UTF-8", StringComparison.Ordinal))
        {
            throw new JobInputException($"the job input ({source}) {e.Reason["it ".Length..]}; check what produced it");
        }
        catch (CortexJsonException e)
        {
            throw new JobInputException($"the job input ({source}) is not valid JSON as Cortex writes it: {e.Message}");
        }

        return token as JObject ?? throw new JobInputException(
            $"the job input ({source}) must be a JSON object, but it is {JsonDescription.Of(token)}");
    }
}
