namespace Cortex.Responders.Cli.Running;

/// <summary>
/// The lines a job's process prints on both streams, in the order they arrive, until the job is judged: lines a
/// child left behind prints later are not taken.
/// </summary>
internal sealed class PrintedLines
{
    private readonly List<string> printed = [];
    private readonly List<string> log = [];
    private bool closed;

    /// <summary>Reads <paramref name="reader"/> to its end, or until <see cref="Close"/>.</summary>
    public async Task CollectAsync(StreamReader reader, string stream)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (printed)
            {
                if (closed)
                {
                    return;
                }

                printed.Add(line);
                log.Add($"{stream}: {line}");
            }
        }
    }

    /// <summary>Stops collecting; returns the lines as printed and as logged (<c>stdout: …</c>).</summary>
    public (IReadOnlyList<string> Printed, IReadOnlyList<string> Log) Close()
    {
        lock (printed)
        {
            closed = true;
            return ([.. printed], [.. log]);
        }
    }
}
