using System.Diagnostics;

namespace Cortex.Responders.TestSupport;

/// <summary>
/// The workers of one folder of the repository (responders/, analyzers/) published by the README's command
/// (`dotnet publish &lt;folder&gt; -p:CortexRoot=…`, Native AOT) into a root of artifacts/, once per test process.
/// Test processes run side by side, so the publish holds the build lock: the second one finds everything up to
/// date. An environment variable names an already published root instead.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "One per test process, held in a static field for its whole life.")]
public sealed class PublishedWorkers
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly string folder;
    private readonly string rootVariable;
    private readonly string[] publishArguments;
    private bool published;

    /// <param name="folder">What to publish: responders, analyzers, or one worker's project folder.</param>
    /// <param name="defaultRoot">The root's folder under artifacts/.</param>
    /// <param name="rootVariable">The environment variable that names an already published root instead.</param>
    /// <param name="publishArguments">More for dotnet publish: <c>-r linux-arm64</c> for another platform's executables.</param>
    public PublishedWorkers(string folder, string defaultRoot, string rootVariable, params string[] publishArguments)
    {
        this.folder = folder;
        this.rootVariable = rootVariable;
        this.publishArguments = publishArguments;
        Root = Environment.GetEnvironmentVariable(rootVariable) is { Length: > 0 } given
            ? given
            : Path.Combine(Repository.Root, "artifacts", defaultRoot);
    }

    public string Root { get; }

    /// <summary>Publishes every worker of the folder (once) and returns the root that holds <paramref name="name"/>/<paramref name="name"/>.</summary>
    public async Task<string> PublishAsync(string name)
    {
        await gate.WaitAsync();
        try
        {
            if (published || Environment.GetEnvironmentVariable(rootVariable) is { Length: > 0 })
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
            foreach (var argument in (string[])["publish", folder, "-c", "Release", "-nologo", $"-p:CortexRoot={Root}", .. publishArguments])
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
                throw new InvalidOperationException($"dotnet publish {folder} failed ({process.ExitCode}):\n{await output}\n{await error}");
            }

            if (!File.Exists(Path.Combine(Root, name, name)))
            {
                throw new InvalidOperationException($"dotnet publish {folder} did not publish {name}/{name} into {Root}");
            }

            published = true;
            return Root;
        }
        finally
        {
            gate.Release();
        }
    }
}
