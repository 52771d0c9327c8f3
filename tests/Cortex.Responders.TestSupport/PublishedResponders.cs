using System.Diagnostics;

namespace Cortex.Responders.TestSupport;

/// <summary>
/// The responders of responders/ published by the README's command (`dotnet publish responders
/// -p:CortexRoot=…`, Native AOT) into artifacts/test-cortex-root, once per test process. Test processes
/// run side by side, so the publish holds a lock file: the second one finds everything up to date.
/// CORTEX_RESPONDERS_ROOT names an already published root instead.
/// </summary>
public static class PublishedResponders
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool published;

    public static string Root { get; } = Environment.GetEnvironmentVariable("CORTEX_RESPONDERS_ROOT") is { Length: > 0 } given
        ? given
        : Path.Combine(Repository.Root, "artifacts", "test-cortex-root");

    /// <summary>Publishes every responder (once) and returns the root that holds responders/<paramref name="name"/>.</summary>
    public static async Task<string> PublishAsync(string name)
    {
        await Gate.WaitAsync();
        try
        {
            if (published || Environment.GetEnvironmentVariable("CORTEX_RESPONDERS_ROOT") is { Length: > 0 })
            {
                return Root;
            }

            await using var crossProcess = await BuildLock.AcquireAsync();

            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = Repository.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "publish", "responders", "-c", "Release", "-nologo", $"-p:CortexRoot={Root}" })
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
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(12));
            await process.WaitForExitAsync(limit.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet publish responders failed ({process.ExitCode}):\n{await output}\n{await error}");
            }

            if (!File.Exists(Path.Combine(Root, name, name)))
            {
                throw new InvalidOperationException($"dotnet publish responders did not publish {name}/{name} into {Root}");
            }

            published = true;
            return Root;
        }
        finally
        {
            Gate.Release();
        }
    }
}
