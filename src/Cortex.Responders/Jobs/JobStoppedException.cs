namespace Cortex.Responders.Jobs;

/// <summary>
/// Thrown by <see cref="Responder.Error"/> once the error output is written, so that the author's code
/// stops there as cortexutils' <c>sys.exit(1)</c> stops a Python responder.
/// </summary>
internal sealed class JobStoppedException : Exception
{
    public JobStoppedException()
        : base("The job was stopped by Responder.Error; its error output is written.")
    {
    }
}
