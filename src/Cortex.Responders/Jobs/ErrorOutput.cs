using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Jobs;

/// <summary>
/// Writes a job's error output: the input with its secrets masked, and one line without them that names the
/// irreversible actions already taken. It calls no code of the worker's, so any thread may use it, the SIGTERM
/// handler's included.
/// </summary>
internal sealed class ErrorOutput(JobOutput output, ActionLog actions, JobSecrets secrets, TextWriter log)
{
    /// <summary>
    /// Writes the error; with <paramref name="maskingTime"/> (a stop, bound by Cortex's grace period) an input that
    /// cannot be masked in time is left out rather than holding the output back.
    /// </summary>
    public void Write(string message, Exception? exception, JObject? source, TimeSpan? maskingTime)
    {
        var full = actions.Describe(message);
        if (exception is not null)
        {
            log.WriteLine($"error: {secrets.Scrub(exception.ToString())}");
        }

        var line = ErrorText.OneLine(secrets.Scrub(full));
        if (source is null)
        {
            output.WriteError(null, line);
            return;
        }

        JObject Mask() => secrets.MaskInput(source);
        var masking = maskingTime is null ? null : Task.Run(Mask);
        try
        {
            // Cortex's stop must end the process within the grace period whatever the input's size: a large
            // input that cannot be masked in time is left out rather than holding the output back.
            if (masking is not null && maskingTime is { } limit && !masking.Wait(limit))
            {
                log.WriteLine($"warning: the input could not be masked within {limit.TotalSeconds:0.#} s: the error output leaves it out");
                output.WriteError(null, line);
                return;
            }

            output.WriteError(masking is null ? Mask() : masking.GetAwaiter().GetResult(), line);
        }
        catch (Exception e) when (e is not JobStoppedException)
        {
            // Last resort (the worker changed its input while it was being masked): an output without the input rather than none.
            log.WriteLine($"error: masking the error output failed: {ErrorText.Describe(e)}");
            output.WriteError(null, line);
        }
    }
}
