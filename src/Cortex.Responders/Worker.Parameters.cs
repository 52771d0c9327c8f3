using Cortex.Responders.Parameters;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders;

/// <summary>
/// The parameters of a worker: values of the job input by dotted path (<see cref="GetParam{T}"/>,
/// <see cref="RequireParam{T}"/>) and of the environment, and <see cref="Fail"/>, which lets the compiler see where a job stops.
/// </summary>
public abstract partial class Worker
{
    /// <summary>
    /// Reads a value of the job input by dotted path (<c>"config.smtp_host"</c>, <c>"data.tags"</c>). A missing
    /// key or a null value is missing: with a <paramref name="message"/> the job ends with that error,
    /// otherwise <paramref name="defaultValue"/> is returned. A value of the wrong kind ends the job with an
    /// error that names the path.
    /// </summary>
    /// <typeparam name="T">string, bool, int, long, double, decimal, string[], or a JToken type for raw JSON.</typeparam>
    /// <param name="path">The dotted path; a numeric segment indexes an array.</param>
    /// <param name="defaultValue">The value when missing.</param>
    /// <param name="message">The error when missing, or null to return the default.</param>
    /// <returns>The value, or the default.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not one of the types above.</exception>
    /// <example><code>var host = GetParam&lt;string&gt;("config.smtp_host", message: "Missing SMTP host");
    /// var port = GetParam("config.smtp_port", 25);</code></example>
    /// <exception cref="JobStoppedException">The job has ended (with <paramref name="message"/> or before): let it through.</exception>
    protected T? GetParam<T>(string path, T? defaultValue = default, string? message = null)
    {
        ThrowIfStopped();
        // Refused whether or not the key is present, so that a test without the key catches it too.
        ParamConverter.EnsureSupported<T>();
        var token = FindParam(path);
        if (token is null)
        {
            if (message is not null)
            {
                Error(message);
            }

            return defaultValue;
        }

        try
        {
            return ParamConverter.Convert<T>(token, path);
        }
        catch (FormatException e)
        {
            throw Fail(e.Message);
        }
    }

    /// <summary>Reads the raw JSON at a dotted path, or null when it is missing or null.</summary>
    /// <param name="path">The dotted path.</param>
    /// <returns>The value, or null.</returns>
    /// <exception cref="JobStoppedException">The job has ended: let it through.</exception>
    protected JToken? GetParam(string path)
    {
        ThrowIfStopped();
        return FindParam(path);
    }

    /// <summary>
    /// The raw value at <paramref name="path"/> for both <c>GetParam</c>s, null when missing: the worker's kind
    /// may read a parameter its own way (an analyzer's <c>file</c> is a path in <c>input/</c>, as cortexutils').
    /// </summary>
    private protected virtual JToken? FindParam(string path) => ParamPath.Find(Input, path);

    /// <summary>Reads an environment variable; missing: the error <paramref name="message"/>, or the default.</summary>
    /// <param name="key">The variable's name.</param>
    /// <param name="defaultValue">The value when it is unset.</param>
    /// <param name="message">The error when it is unset, or null to return the default.</param>
    /// <returns>The value, or the default.</returns>
    /// <exception cref="JobStoppedException">The job has ended: let it through.</exception>
    protected string? GetEnv(string key, string? defaultValue = null, string? message = null)
    {
        ThrowIfStopped();
        var value = Runner.Context.GetEnvironmentVariable(key);
        if (value is null && message is not null)
        {
            Error(message);
        }

        return value ?? defaultValue;
    }

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
