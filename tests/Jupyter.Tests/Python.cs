using Cortex.Responders;
using System.Diagnostics;
using System.Text;

namespace Cortex.Workers.Responders.Jupyter.Tests;

/// <summary>Debian's /usr/bin/python3 (the kernel's Python), run on a script with standard input, within a bound.</summary>
internal static class Python
{
    public static async Task<string> RunAsync(string script, string standardInput)
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.Environment["PYTHONIOENCODING"] = "utf-8:surrogatepass";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(standardInput);
        process.StandardInput.Close();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(limit.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"python3 failed ({process.ExitCode}): {await error}");
        }

        return await output;
    }
}
