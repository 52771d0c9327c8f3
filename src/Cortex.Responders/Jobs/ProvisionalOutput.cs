namespace Cortex.Responders.Jobs;

/// <summary>
/// The failure output that stands in output/output.json from the job's start until its real output replaces it,
/// for the ends no handler sees: the Docker runner's timeout (a SIGKILL, no SIGTERM), the out-of-memory killer,
/// <c>kill -9</c>. Each recorded action rewrites it, so that even a killed job names what it had already done.
/// It holds no input: masking a large input at every start would cost every job its time.
/// </summary>
/// <remarks>
/// Its <c>Message</c> is generated from build/Cortex.Responders.ProvisionalMessage.h, which the executable's C
/// constructor (build/Cortex.Responders.EarlySignals.c) also writes before the runtime starts: one text, one source.
/// </remarks>
internal sealed partial class ProvisionalOutput(JobOutput output, ActionLog actions, Func<string, string> scrub)
{
    // Two actions recorded at once must not leave the older list on disk.
    private readonly Lock gate = new();

    /// <summary>Writes (or rewrites) the provisional output, unless the job has its real output already; the stdin transport has none.</summary>
    public void Write()
    {
        if (!output.KeepsProvisional)
        {
            return;
        }

        lock (gate)
        {
            output.WriteProvisional(ErrorText.OneLine(scrub(actions.Describe(Message))));
        }
    }
}
