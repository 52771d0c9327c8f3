namespace Cortex.Responders.Testing;

/// <summary>What a responder's job left behind: its output.json, read as Cortex reads it, and its exit code and log.</summary>
public sealed class ResponderResult : JobResult
{
    internal ResponderResult(InProcessJob.Run run)
        : base(run)
    {
    }
}
