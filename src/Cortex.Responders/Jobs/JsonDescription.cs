using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Jobs;

/// <summary>Describes a JSON value in a few words for error messages ("an array", "the string \"x\"").</summary>
internal static class JsonDescription
{
    private const int MaxShown = 40;

    public static string Of(JToken? token) => token?.Type switch
    {
        null or JTokenType.Null or JTokenType.Undefined => "null",
        JTokenType.Object => "an object",
        JTokenType.Array => "an array",
        JTokenType.String => $"the string {Shorten(token.ToString(Newtonsoft.Json.Formatting.None))}",
        JTokenType.Boolean => $"the boolean {token.ToString(Newtonsoft.Json.Formatting.None)}",
        JTokenType.Integer or JTokenType.Float => $"the number {token.ToString(Newtonsoft.Json.Formatting.None)}",
        _ => $"a {token.Type.ToString().ToLowerInvariant()} value",
    };

    private static string Shorten(string json) => json.Length <= MaxShown ? json : json[..MaxShown] + "…\"";
}
