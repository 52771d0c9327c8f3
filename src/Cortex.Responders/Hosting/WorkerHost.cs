using System.Runtime.InteropServices;
using Cortex.Responders.Jobs;

namespace Cortex.Responders.Hosting;

/// <summary>
/// Runs one job of any kind of worker as Cortex starts it, for <see cref="ResponderHost"/> and
/// <see cref="AnalyzerHost"/>: the signals first, then the command line, the job's transport (the job folder, or
/// standard input and output) and the lifecycle.
/// </summary>
internal static class WorkerHost
{
    /// <summary>Runs one job: <see cref="ResponderHost.RunAsync{TResponder}"/>, <see cref="AnalyzerHost.RunAsync{TAnalyzer}"/>.</summary>
    /// <typeparam name="TWorker">The responder or analyzer.</typeparam>
    /// <param name="args">The command line.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync<TWorker>(string[] args)
        where TWorker : Worker, new()
    {
        // Signals first: a SIGTERM in the job's first milliseconds must still end in an error output.
        var signals = new SignalRelay();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signals.Handle);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signals.Handle);

        // And one that came even earlier, before the runtime started (kept by the executable's C constructor).
        if (EarlySignals.Pending() is { } early)
        {
            signals.Keep(early);
        }

        var standardError = Console.Error;
        if (HostCommandLine.Parse(args, typeof(TWorker), standardError, out var jobDirectory) is { } exitCode)
        {
            return exitCode;
        }

        // The job folder's transport as soon as it has an input/ folder (Cortex made it): an input.json that is
        // missing or unreadable there is an error written to output/, not a reason to wait on standard input.
        var inputFile = JobFolder.InputFile(jobDirectory);
        var fromFile = Directory.Exists(Path.GetDirectoryName(inputFile)) || File.Exists(inputFile);

        // Whatever the worker prints goes to standard error; with the stdin/stdout transport, standard output
        // is kept for the report alone, down to the file descriptor.
        IJobOutputTarget target = fromFile ? new JobOutputFile(jobDirectory) : new JobOutputStream(StandardOutput.Take());
        Console.SetOut(standardError);
        var context = new JobContext
        {
            JobDirectory = fromFile ? jobDirectory : null,
            ExportProxies = true,
            Log = standardError,
        };
        var runner = new JobLifecycle(target, context);
        signals.Attach(runner);

        var source = fromFile ? inputFile : "standard input";
        try
        {
            // On this thread: a job that completes synchronously starts no other thread.
            Func<Stream> open = fromFile ? () => JobInputSource.OpenFile(inputFile) : () => JobInputSource.ReadStandardInput(inputFile);
            return await runner.RunAsync(() => new TWorker(), open, source, onThisThread: true)
                .ConfigureAwait(false);
        }
        finally
        {
            signals.Finished();
        }
    }
}
