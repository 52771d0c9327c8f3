using System.Runtime.InteropServices;
using Cortex.Responders.Jobs;

namespace Cortex.Responders.Hosting;

/// <summary>
/// Turns SIGTERM (Cortex's job timeout) and SIGINT into a stop of the job. Registered before anything else,
/// so a signal that comes while the job is still being set up is kept and acted on once the job exists.
/// The job runs on the main thread: a responder that holds that thread past the grace period (a blocking call
/// that ignores its token) is ended from here, so the process never outlives the stop by more than that.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "It lives as long as the process: a signal may come until the process ends, so nothing it owns may be disposed before.")]
internal sealed class SignalRelay
{
    private readonly Lock gate = new();
    private readonly ManualResetEventSlim finished = new();
    private JobLifecycle? runner;
    private PosixSignal? pending;

    public void Handle(PosixSignalContext signal)
    {
        signal.Cancel = true;
        JobLifecycle? target;
        lock (gate)
        {
            pending ??= signal.Signal;
            target = runner;
        }

        if (target is null)
        {
            return;
        }

        target.Stop(Message(signal.Signal));

        // Each signal is handled on a thread of its own: waiting here holds nothing else up.
        if (!finished.Wait(JobLifecycle.GracePeriod))
        {
            Environment.Exit(target.ExitCode);
        }
    }

    /// <summary>Keeps a signal that came before the handlers were registered, to act on once the job exists.</summary>
    public void Keep(PosixSignal signal)
    {
        lock (gate)
        {
            pending ??= signal;
        }
    }

    public void Attach(JobLifecycle jobRunner)
    {
        PosixSignal? signal;
        lock (gate)
        {
            runner = jobRunner;
            signal = pending;
        }

        if (signal is { } received)
        {
            jobRunner.Stop(Message(received));
        }
    }

    /// <summary>Says that the job has ended, so a stop in progress need not end the process itself.</summary>
    public void Finished() => finished.Set();

    private static string Message(PosixSignal signal) =>
        $"cancelled: the job was stopped ({signal}), most likely because it reached Cortex's job timeout";
}
