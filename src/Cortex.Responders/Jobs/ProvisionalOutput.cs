namespace Cortex.Responders.Jobs;

/// <summary>
/// The failure output that stands in output/output.json from the job's start until its real output replaces it,
/// for the ends no handler sees: the Docker runner's timeout (a SIGKILL, no SIGTERM), the out-of-memory killer,
/// <c>kill -9</c>. Each recorded action rewrites it, so that even a killed job names what it had already done.
/// It holds no input: masking a large input at every start would cost every job its time.
/// </summary>
internal sealed class ProvisionalOutput(JobOutput output, ActionLog actions, Func<string, string> scrub)
{
    /// <summary>What the provisional output says before any action is recorded.</summary>
    internal const string Message =
        "the job did not finish: the worker was killed before it could report (likely the Docker runner's timeout, which sends no SIGTERM, the out-of-memory killer, or kill -9)";

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
