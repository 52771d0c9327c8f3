using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using Cortex.Responders.TestSupport;

namespace Cortex.Responders.Tests;

/// <summary>
/// This test assembly started as a responder process, for the tests that need a real one (signals, standard output,
/// exit codes). The test starts the assembly's executable with the full name of a responder class declared next to
/// it, then the command line Cortex gives; <see cref="Main"/> runs that class through <see cref="ResponderHost"/> as a
/// responder's own one-line Main would. Under the test runner the assembly is loaded, not run, so Main is reached
/// only from here.
/// </summary>
internal static class ResponderProcess
{
    /// <summary>The executable of this assembly (framework-dependent apphost), in its build output.</summary>
    private static readonly string Command = typeof(ResponderProcess).Assembly.GetName().Name!;

    /// <summary>How long a test waits for an event that only a real failure keeps from coming.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private const int SigTerm = 15;

    /// <summary>Runs <typeparamref name="TResponder"/> in its own process on <paramref name="job"/>'s folder; the rest as <see cref="CortexJob.RunAsync"/>.</summary>
    public static Task<CortexRun> RunAsync<TResponder>(
        CortexJob job,
        TimeSpan? timeout = null,
        byte[]? standardInput = null,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? standardInputDelay = null)
        where TResponder : Worker, new() =>
        RunAsync(typeof(TResponder), job, timeout, standardInput, environment, standardInputDelay);

    /// <summary>As <see cref="RunAsync{TResponder}"/>, for a responder class a test case names.</summary>
    public static Task<CortexRun> RunAsync(
        Type responder,
        CortexJob job,
        TimeSpan? timeout = null,
        byte[]? standardInput = null,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? standardInputDelay = null)
    {
        if (!responder.IsSubclassOf(typeof(Responder)) && !responder.IsSubclassOf(typeof(Analyzer)))
        {
            throw new ArgumentException($"{responder} is neither a responder nor an analyzer", nameof(responder));
        }

        return job.RunAsync(AppContext.BaseDirectory, Command, timeout, standardInput, [responder.FullName!, job.Directory], environment, standardInputDelay);
    }

    /// <summary>
    /// Starts <typeparamref name="TWorker"/> in its own process on <paramref name="job"/>'s folder, waits for
    /// <paramref name="readyLine"/> on its standard error (the event the test needs, not a time), then sends it SIGTERM
    /// or, with <paramref name="kill"/>, SIGKILL (no handler runs, as at the Docker runner's timeout), and waits for it to end.
    /// </summary>
    /// <returns>The exit code, standard output and standard error.</returns>
    public static async Task<(int ExitCode, string StandardOutput, string Log)> SignalAtLineAsync<TWorker>(CortexJob job, string readyLine, bool kill)
        where TWorker : Worker
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, Command))
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(TWorker).FullName!);
        start.ArgumentList.Add(job.Directory);
        using var process = Process.Start(start)!;
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var log = new StringBuilder();
        var ready = false;
        using (var patience = new CancellationTokenSource(Patience))
        {
            while (await process.StandardError.ReadLineAsync(patience.Token) is { } line)
            {
                log.AppendLine(line);
                if (line.Contains(readyLine, StringComparison.Ordinal))
                {
                    ready = true;
                    break;
                }
            }
        }

        if (!ready)
        {
            throw new InvalidOperationException($"the worker ended before it wrote \"{readyLine}\" on standard error:\n{log}");
        }

        if (kill)
        {
            process.Kill();
        }
        else if (Kill(process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"SIGTERM could not be sent to {process.Id}");
        }

        var rest = process.StandardError.ReadToEndAsync();
        using (var patience = new CancellationTokenSource(Patience))
        {
            await process.WaitForExitAsync(patience.Token);
        }

        log.Append(await rest);
        return (process.ExitCode, await standardOutput, log.ToString());
    }

    public static async Task<int> Main(string[] args)
    {
        var type = args.Length > 0 ? typeof(ResponderProcess).Assembly.GetType(args[0]) : null;
        if (type is null || !(type.IsSubclassOf(typeof(Responder)) || type.IsSubclassOf(typeof(Analyzer))))
        {
            await Console.Error.WriteLineAsync($"usage: {Command} <full name of a responder or analyzer class of this assembly> <job folder>");
            return 2;
        }

        // An analyzer starts as its own Main would: AnalyzerHost.RunAsync<TAnalyzer>(args).
        var host = type.IsSubclassOf(typeof(Analyzer)) ? typeof(AnalyzerHost) : typeof(ResponderHost);
        var run = host.GetMethod("RunAsync", BindingFlags.Public | BindingFlags.Static, [typeof(string[])])!.MakeGenericMethod(type);
        return await (Task<int>)run.Invoke(null, [args[1..]])!;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
