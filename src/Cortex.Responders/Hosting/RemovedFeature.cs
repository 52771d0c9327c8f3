namespace Cortex.Responders.Hosting;

/// <summary>
/// Explains the <see cref="NotSupportedException"/> Native AOT throws from a method whose body the publish
/// removed: in a worker's executable, Newtonsoft.Json's reflection serializer (see Cortex.Responders.Substitutions.xml).
/// </summary>
internal static class RemovedFeature
{
    /// <summary>The runtime's own message for a removed method body, which names neither the method nor the switch.</summary>
    internal const string RuntimeMessage = "The feature associated with this method was removed";

    /// <summary>What the author reads instead: what was removed, how to do without it, and what keeping it costs.</summary>
    internal const string Explanation =
        "the published executable lacks a method the worker called, most likely Newtonsoft.Json's reflection serializer (JsonConvert.SerializeObject/DeserializeObject, JToken.FromObject, ToObject<T> of your own classes), which it leaves out: "
        + "build and read JSON with JObject/JToken instead, or set <CortexJsonSerializerSupport>true</CortexJsonSerializerSupport> in the worker's project to keep it (about 9 MB more, and a start-up about three times as long)";

    /// <summary>The explanation when <paramref name="exception"/> is the runtime's removed-feature error, else null.</summary>
    public static string? Explain(NotSupportedException exception) =>
        exception.Message.Contains(RuntimeMessage, StringComparison.OrdinalIgnoreCase) ? Explanation : null;
}
