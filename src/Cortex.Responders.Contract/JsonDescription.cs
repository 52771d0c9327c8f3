using Newtonsoft.Json.Linq;

namespace Cortex.Responders;

/// <summary>Describes a JSON value in a few words for error messages ("an array", "the string \"x\"").</summary>
internal static class JsonDescription
{
    // A longer string is not shown at all: cut short, a secret would no longer match its scrubbing.
    private const int MaxShown = 40;

    public static string Of(JToken? token) => token?.Type switch
    {
        null or JTokenType.Null or JTokenType.Undefined => "null",
        JTokenType.Object => "an object",
        JTokenType.Array => "an array",
        JTokenType.String => (string)token! is { Length: <= MaxShown } text ? $"the string \"{text}\"" : $"a string of {((string)token!).Length} characters",
        JTokenType.Boolean => $"the boolean {token.ToString(Newtonsoft.Json.Formatting.None)}",
        JTokenType.Integer or JTokenType.Float => $"the number {token.ToString(Newtonsoft.Json.Formatting.None)}",
        _ => $"a {token.Type.ToString().ToLowerInvariant()} value",
    };
}
