using Cortex.Responders;
using System.Diagnostics;
using System.Globalization;
using Cortex.Responders.TestSupport;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter.Tests.Local;

/// <summary>
/// The published responder started on a job as Cortex starts it, left running so that a test can stop it at a
/// moment of its choosing (SIGTERM as Cortex's timeout, SIGKILL as the Docker runner's or the OOM killer).
/// </summary>
internal sealed class StartedJob : IAsyncDisposable
{
    private static readonly TimeSpan ExitLimit = TimeSpan.FromSeconds(60);

    private readonly CortexJob job;
    private readonly Process process;
    private readonly Task<string> errors;
    private readonly List<(string Text, TaskCompletionSource Seen)> awaited = [];
    private readonly System.Text.StringBuilder errorText = new();

    private StartedJob(CortexJob job, Process process)
    {
        this.job = job;
        this.process = process;
        _ = process.StandardOutput.ReadToEndAsync();
        errors = ReadErrorsAsync();
    }

    public bool IsRunning => !process.HasExited;

    public static async Task<StartedJob> StartAsync(string fixture, JObject config, IReadOnlyDictionary<string, string> environment)
    {
        var root = await PublishedResponders.PublishAsync("Jupyter");
        var job = CortexJob.FromFixture(fixture, input => input["config"] = config);
        var start = new ProcessStartInfo(Path.Combine(root, JupyterJob.Command))
        {
            WorkingDirectory = root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(job.Directory);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return new StartedJob(job, process);
    }

    /// <summary>Waits (within the exit limit) for a line of standard error that contains <paramref name="text"/>.</summary>
    public async Task WaitForLineAsync(string text)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (awaited)
        {
            if (errorText.ToString().Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            awaited.Add((text, seen));
        }

        await seen.Task.WaitAsync(ExitLimit);
    }

    /// <summary>Sends <paramref name="signal"/> (TERM, KILL) to the worker.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>Waits for the worker to end; returns its exit code, standard error and output.json.</summary>
    public async Task<(int ExitCode, string Errors, JObject? Output)> WaitAsync()
    {
        using var limit = new CancellationTokenSource(ExitLimit);
        await process.WaitForExitAsync(limit.Token);
        var output = File.Exists(job.OutputFile) ? CortexJob.ReadJson(await File.ReadAllTextAsync(job.OutputFile)) : null;
        return (process.ExitCode, await errors, output);
    }

    private async Task<string> ReadErrorsAsync()
    {
        while (await process.StandardError.ReadLineAsync() is { } line)
        {
            lock (awaited)
            {
                errorText.AppendLine(line);
                foreach (var (text, seen) in awaited.Where(a => line.Contains(a.Text, StringComparison.Ordinal)))
                {
                    seen.TrySetResult();
                }
            }
        }

        lock (awaited)
        {
            foreach (var (_, seen) in awaited)
            {
                seen.TrySetException(new InvalidOperationException($"the worker ended without the awaited line: {errorText}"));
            }

            return errorText.ToString();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        job.Dispose();
    }
}
