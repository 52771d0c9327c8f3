using Cortex.Responders;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Analyzers.EmlParser.Mail;

/// <summary>A body of the message in the report: its first <see cref="MaxChars"/> characters, its length and whether it was cut.</summary>
internal static class BodyText
{
    /// <summary>Enough to read a phishing mail; TheHive shows the report in a browser, which must not choke on it.</summary>
    public const int MaxChars = 100_000;

    public static JToken ToJson(string? body)
    {
        if (body is null)
        {
            return JValue.CreateNull();
        }

        var truncated = body.Length > MaxChars;
        return new JObject
        {
            ["content"] = truncated ? body[..MaxChars] : body,
            ["length"] = body.Length,
            ["truncated"] = truncated,
        };
    }
}
