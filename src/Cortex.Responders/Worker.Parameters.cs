namespace Cortex.Responders;

/// <summary>The parameter and failure helpers that let the compiler see where a job stops.</summary>
public abstract partial class Worker
{
    /// <summary>
    /// Reads a required value of the job input by dotted path, as <see cref="GetParam{T}"/> with a message: a
    /// missing key or a null value ends the job with <paramref name="message"/>, a value of the wrong kind with
    /// an error that names the path. The result is never null, so no <c>!</c> is needed.
    /// </summary>
    /// <typeparam name="T">string, bool, int, long, double, decimal, string[], or a JToken type for raw JSON.</typeparam>
    /// <param name="path">The dotted path (<c>"config.url"</c>); a numeric segment indexes an array.</param>
    /// <param name="message">The error when the value is missing: one line that says what to set.</param>
    /// <returns>The value.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not one of the types above.</exception>
    /// <exception cref="JobStoppedException">The value is missing or of the wrong kind, or the job has ended: let it through.</exception>
    /// <example><code>var url = RequireParam&lt;string&gt;("config.url", "Missing url: set the webhook's URL in the responder's configuration");</code></example>
    protected T RequireParam<T>(string path, string message)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(message);
        var value = GetParam<T>(path, default, message);

        // GetParam ends the job on a missing value; a converter that yields null for a present one ends it too.
        return value ?? throw Fail(message);
    }

    /// <summary>
    /// Ends the job with an error, as <see cref="Error"/> does (the same output, the job's token cancelled), and
    /// returns the exception to throw, so that the compiler sees the code stop: <c>throw Fail("…")</c>, usable
    /// where a value is expected (<c>?? throw Fail("…")</c>, a switch arm) and after which a variable assigned
    /// only in the <c>try</c> is definitely assigned. The output is written by the call itself: not throwing
    /// the exception does not revive the job.
    /// </summary>
    /// <param name="message">One line that says what to fix.</param>
    /// <returns>The <see cref="JobStoppedException"/> to throw.</returns>
    /// <exception cref="JobStoppedException">The job had already ended: let it through.</exception>
    /// <example><code>catch (IOException e) { throw Fail($"Cannot read the export: {e.Message}"); }</code></example>
    protected JobStoppedException Fail(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ThrowIfStopped();
        Runner.Fail(message);
        Runner.CancelWork();
        return new JobStoppedException("Fail was called");
    }
}
