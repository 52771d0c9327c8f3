using Cortex.Responders;
using System.Diagnostics;
using System.Globalization;
using Cortex.Responders.TestSupport;

namespace Cortex.Workers.Responders.Jupyter.Tests.Peers;

/// <summary>
/// A Jupyter program (server or Hub) started for a test, with settings of its own in a temporary home: started,
/// waited for until it answers, and stopped with SIGTERM (so it stops its kernels or servers too) within a bound.
/// </summary>
internal sealed class JupyterProcess
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly Task<string> errors;
    private readonly string name;

    private JupyterProcess(Process process, string name)
    {
        this.process = process;
        this.name = name;
        _ = process.StandardOutput.ReadToEndAsync();
        errors = process.StandardError.ReadToEndAsync();
    }

    /// <summary>
    /// Starts <paramref name="start"/> in <paramref name="home"/>, with no Jupyter setting of the machine's or the
    /// user's (config, runtime and IPython folders of its own, plus <paramref name="ownFolders"/>).
    /// </summary>
    public static JupyterProcess Start(ProcessStartInfo start, TemporaryDirectory home, string name, string installedBy, params (string Variable, string Folder)[] ownFolders)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.WorkingDirectory = home.Path;
        foreach (var (variable, folder) in new[] { ("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython") }.Concat(ownFolders))
        {
            start.Environment[variable] = Directory.CreateDirectory(Path.Combine(home.Path, folder)).FullName;
        }

        try
        {
            return new JupyterProcess(Process.Start(start) ?? throw new InvalidOperationException($"cannot start {start.FileName}"), name);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            home.Dispose();
            throw new InvalidOperationException($"cannot start {start.FileName}: {e.Message} ({installedBy})", e);
        }
    }

    /// <summary>Waits until <paramref name="path"/> answers with success; else stops the program and says why.</summary>
    public async Task WaitUntilReadyAsync(HttpClient http, string path, int port)
    {
        var deadline = DateTime.UtcNow + StartLimit;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(path);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        var log = await StopAsync(TimeSpan.FromSeconds(15));
        throw new InvalidOperationException($"{name} did not start within {StartLimit.TotalSeconds} s on port {port}: {log}");
    }

    /// <summary>Stops the program with SIGTERM, killing it after <paramref name="limit"/>; returns what it printed on standard error.</summary>
    public async Task<string> StopAsync(TimeSpan limit)
    {
        if (!process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var bound = new CancellationTokenSource(limit);
            try
            {
                await process.WaitForExitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        // A kernel or server that outlived it would hold the pipe open: read what came, within a bound.
        var log = await Task.WhenAny(errors, Task.Delay(TimeSpan.FromSeconds(5))) == errors ? await errors : "(standard error still open)";
        process.Dispose();
        return log;
    }
}
