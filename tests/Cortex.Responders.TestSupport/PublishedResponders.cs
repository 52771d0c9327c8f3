using System.Diagnostics;

namespace Cortex.Responders.TestSupport;

/// <summary>
/// The responders of responders/ published once per test run, as `dotnet publish -p:CortexRoot=…` lays them
/// out for Cortex (Native AOT), into artifacts/test-cortex-root. CORTEX_RESPONDERS_ROOT names an
/// already published root instead.
/// </summary>
public static class PublishedResponders
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly HashSet<string> Published = [];

    public static string Root { get; } = Environment.GetEnvironmentVariable("CORTEX_RESPONDERS_ROOT") is { Length: > 0 } given
        ? given
        : Path.Combine(Repository.Root, "artifacts", "test-cortex-root");

    /// <summary>Publishes responders/<paramref name="name"/> (once) and returns the root that holds it.</summary>
    public static async Task<string> PublishAsync(string name)
    {
        await Gate.WaitAsync();
        try
        {
            if (Published.Contains(name) || Environment.GetEnvironmentVariable("CORTEX_RESPONDERS_ROOT") is { Length: > 0 })
            {
                return Root;
            }

            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = Repository.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "publish", Path.Combine("responders", name), "-c", "Release", "-nologo", $"-p:CortexRoot={Root}" })
            {
                start.ArgumentList.Add(argument);
            }

            // The test host's MSBuild settings must not leak into the child build.
            foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                start.Environment.Remove(key);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(8));
            await process.WaitForExitAsync(limit.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet publish responders/{name} failed ({process.ExitCode}):\n{await output}\n{await error}");
            }

            Published.Add(name);
            return Root;
        }
        finally
        {
            Gate.Release();
        }
    }
}
