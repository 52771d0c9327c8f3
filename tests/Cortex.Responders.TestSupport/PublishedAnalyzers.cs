namespace Cortex.Responders.TestSupport;

/// <summary>
/// The analyzers of analyzers/ published by the README's command (`dotnet publish analyzers
/// -p:CortexRoot=…`, Native AOT) into artifacts/test-cortex-analyzers, once per test process.
/// CORTEX_ANALYZERS_ROOT names an already published root instead.
/// </summary>
public static class PublishedAnalyzers
{
    private static readonly PublishedWorkers Workers = new("analyzers", "test-cortex-analyzers", "CORTEX_ANALYZERS_ROOT");

    public static string Root => Workers.Root;

    /// <summary>Publishes every analyzer (once) and returns the root that holds <paramref name="name"/>/<paramref name="name"/>.</summary>
    public static Task<string> PublishAsync(string name) => Workers.PublishAsync(name);
}
