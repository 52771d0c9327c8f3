using System.Runtime.InteropServices;
using Cortex.Responders.Jobs;

namespace Cortex.Responders.Hosting;

/// <summary>
/// Turns SIGTERM (Cortex's job timeout) and SIGINT into a stop of the job. Registered before anything else,
/// so a signal that comes while the job is still being set up is kept and acted on once the job exists.
/// </summary>
internal sealed class SignalRelay
{
    private readonly Lock gate = new();
    private JobRunner? runner;
    private PosixSignal? pending;

    public void Handle(PosixSignalContext signal)
    {
        signal.Cancel = true;
        JobRunner? target;
        lock (gate)
        {
            pending ??= signal.Signal;
            target = runner;
        }

        target?.Stop(Message(signal.Signal));
    }

    public void Attach(JobRunner jobRunner)
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

    private static string Message(PosixSignal signal) =>
        $"cancelled: the job was stopped ({signal}), most likely because it reached Cortex's job timeout";
}
