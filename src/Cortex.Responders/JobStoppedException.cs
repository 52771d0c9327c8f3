namespace Cortex.Responders;

/// <summary>
/// Ends a worker's code once its job has ended: thrown by <c>Error</c> after the error output is written, and
/// by every member of the worker after that (or after Cortex stopped the job), as cortexutils'
/// <c>sys.exit(1)</c> ends a Python worker. Let it through: a catch-all must exclude it,
/// <c>catch (Exception e) when (e is not JobStoppedException)</c>. Swallowing it does not revive the job:
/// its output is written, its cancellation token has fired, and the worker's members keep throwing it.
/// </summary>
public sealed class JobStoppedException : Exception
{
    internal JobStoppedException(string reason)
        : base($"The job has ended ({reason}); its output is written. Let this exception through: catch (Exception e) when (e is not JobStoppedException).")
    {
    }
}
