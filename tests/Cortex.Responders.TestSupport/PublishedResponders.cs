namespace Cortex.Responders.TestSupport;

/// <summary>
/// The responders of responders/ published by the README's command (`dotnet publish responders
/// -p:CortexRoot=…`, Native AOT) into artifacts/test-cortex-root, once per test process.
/// CORTEX_RESPONDERS_ROOT names an already published root instead.
/// </summary>
public static class PublishedResponders
{
    private static readonly PublishedWorkers Workers = new("responders", "test-cortex-root", "CORTEX_RESPONDERS_ROOT");

    public static string Root => Workers.Root;

    /// <summary>Publishes every responder (once) and returns the root that holds responders/<paramref name="name"/>.</summary>
    public static Task<string> PublishAsync(string name) => Workers.PublishAsync(name);
}
