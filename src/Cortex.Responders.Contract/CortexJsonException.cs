namespace Cortex.Responders;

/// <summary>A text that Cortex would not read as JSON, with where it goes wrong.</summary>
public sealed class CortexJsonException : Exception
{
    internal CortexJsonException(string reason, long line, long column)
        : base(line > 0 ? $"{reason} (line {line}, column {column})" : reason)
    {
        Reason = reason;
        Line = line;
        Column = column;
    }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; }

    /// <summary>The line of the problem, from 1; 0 when it has no position.</summary>
    public long Line { get; }

    /// <summary>The column (in bytes) of the problem, from 1; 0 when it has no position.</summary>
    public long Column { get; }
}
