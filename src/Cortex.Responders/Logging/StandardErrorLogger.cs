using Microsoft.Extensions.Logging;

namespace Cortex.Responders.Logging;

/// <summary>
/// A logger that writes one line per entry, synchronously, to standard error (never to standard output,
/// which may carry the report). Synchronous on purpose: a job ended by Cortex's timeout must not lose its
/// last lines in a background queue.
/// </summary>
/// <remarks>Each line is scrubbed of the job's secrets: Cortex may copy standard error into the job's error message.</remarks>
internal sealed class StandardErrorLogger(TextWriter writer, LogLevel minimum, Func<string, string> scrub) : ILogger
{
    private readonly Lock gate = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var line = $"{Label(logLevel)}: {formatter(state, exception)}";
        if (exception is not null)
        {
            line += Environment.NewLine + exception;
        }

        line = scrub(line);
        lock (gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    private static string Label(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        _ => "critical",
    };
}
