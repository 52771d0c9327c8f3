using System.Diagnostics;

namespace Cortex.Responders.Cli.Images;

/// <summary>One run of an outside tool (a container engine): its exit code and what it printed, bounded in time.</summary>
internal sealed record ToolRun(int ExitCode, string Output, string Error)
{
    /// <summary>The last line the tool printed on standard error (its reason, for engines), else on standard output.</summary>
    public string LastLine => (Error.Trim().Length > 0 ? Error : Output).Trim().Split('\n').LastOrDefault()?.Trim() ?? string.Empty;

    /// <summary>Runs <paramref name="tool"/>; kills it and throws <see cref="TimeoutException"/> after <paramref name="limit"/>.</summary>
    public static async Task<ToolRun> RunAsync(string tool, IEnumerable<string> arguments, TimeSpan limit, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{Path.GetFileName(tool)} {start.ArgumentList.FirstOrDefault()} did not end within {limit.TotalMinutes:0.#} min and was stopped");
        }

        return new ToolRun(process.ExitCode, await output, await error);
    }
}
