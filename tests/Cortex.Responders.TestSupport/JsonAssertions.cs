using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.TestSupport;

/// <summary>
/// JSON compared as JSON: FluentAssertions' BeEquivalentTo sees a JObject as a list of properties and passes on
/// two objects with the same keys but different values, so the tests compare with JToken.DeepEquals instead.
/// </summary>
public static class JsonAssertions
{
    /// <summary>Fails unless <paramref name="actual"/> is the same JSON as <paramref name="expected"/> (values, keys and array order).</summary>
    public static void ShouldBeJson(this JToken? actual, JToken expected, string because = "")
    {
        if (!JToken.DeepEquals(actual, expected))
        {
            throw new AssertionException(
                $"Expected JSON {expected.ToString(Formatting.None)}{(because.Length > 0 ? " because " + because : string.Empty)}, but found {actual?.ToString(Formatting.None) ?? "nothing"}.");
        }
    }

    /// <summary>Fails unless <paramref name="actual"/> is the same JSON as <paramref name="expected"/>, given as text.</summary>
    public static void ShouldBeJson(this JToken? actual, string expected, string because = "") =>
        actual.ShouldBeJson(JToken.Parse(expected), because);

    /// <summary>Fails unless the tokens are, in order, the same JSON as <paramref name="expected"/>.</summary>
    public static void ShouldBeJson(this IEnumerable<JToken> actual, string expected, string because = "") =>
        new JArray(actual.Select(token => token.DeepClone())).ShouldBeJson(JToken.Parse(expected), because);
}
