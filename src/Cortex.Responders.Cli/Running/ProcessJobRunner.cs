using System.ComponentModel;
using System.Diagnostics;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Cli.Running;

/// <summary>
/// Cortex's process runner (<c>ProcessJobRunnerSrv</c>) on a prepared job folder: it runs
/// <c>&lt;command&gt; &lt;jobFolder&gt;</c> from the parent of the command's folder, with
/// <c>REQUESTS_CA_BUNDLE</c> set when <c>input/cacerts</c> exists, collects what the process prints, stops it at the
/// job timeout as the runner it acts as does (<see cref="RunnerTimeout"/>: SIGTERM and no SIGKILL after it), and writes
/// <c>{"success": false, "errorMessage": &lt;what it printed&gt;}</c> when the
/// process left no <c>output/output.json</c>. It holds no state between jobs: one runner can run many at once.
/// Cortex's container runners go through it too, with a container engine's run command in place of the
/// flavor's command (<see cref="Images.ContainerLaunch"/>).
/// </summary>
internal sealed class ProcessJobRunner
{
    /// <summary>How long to wait, once the process ended, for its pipes to close: a child it left behind may hold them.</summary>
    public TimeSpan OutputDrain { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// What the runner acted as does at the timeout and with a missing report (<see cref="RunnerTimeout"/>): by default
    /// Cortex's process runner, which sends SIGTERM and never SIGKILL, and replaces a missing report by what the process printed.
    /// </summary>
    public RunnerTimeout AtTimeout { get; init; } = RunnerTimeout.Of(RunnerNames.Process);

    /// <summary>
    /// Sends a signal ("TERM", "KILL") to the container when the process started is a container engine's client
    /// (<see cref="Images.ContainerLaunch"/>): a SIGKILL of the client would leave the container running. Null: the
    /// signal goes to the process itself.
    /// </summary>
    public Func<string, Task>? SignalContainer { get; init; }

    /// <summary>Runs the job and returns how the process ended; the report is left in the job folder.</summary>
    /// <param name="executable">The command, resolved against the responders root.</param>
    /// <param name="jobFolder">A prepared job folder (<see cref="PreparedJobFolder"/>).</param>
    /// <param name="timeout">The job timeout, at which the process is stopped as <see cref="AtTimeout"/> says.</param>
    /// <param name="cancellationToken">Kills the process and its children.</param>
    public Task<ProcessJobResult> RunAsync(string executable, string jobFolder, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        // Cortex runs the command from its folder's parent: the root for the usual <Folder>/<executable>.
        var workingDirectory = Path.GetDirectoryName(Path.GetDirectoryName(executable)) ?? Path.GetDirectoryName(executable)!;
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(jobFolder);
        start.Environment.Remove(JobFolder.CaBundleVariable);
        if (File.Exists(JobFolder.CaCertificatesFile(jobFolder)))
        {
            start.Environment[JobFolder.CaBundleVariable] = JobFolder.CaCertificatesFile(jobFolder);
        }

        var command = $"(cd {workingDirectory} && {Path.GetRelativePath(workingDirectory, executable)} {jobFolder})";
        return StartAndWaitAsync(start, command, jobFolder, timeout, cancellationToken);
    }

    /// <summary>
    /// Runs the job another way than with the flavor's command: <paramref name="start"/> is a container engine's
    /// run command for the job folder (<see cref="Images.ContainerLaunch"/>), run as it is.
    /// </summary>
    /// <param name="start">What to start; its standard streams are redirected.</param>
    /// <param name="jobFolder">A prepared job folder (<see cref="PreparedJobFolder"/>).</param>
    /// <param name="timeout">The job timeout, at which the process is stopped as <see cref="AtTimeout"/> says.</param>
    /// <param name="cancellationToken">Kills the process and its children.</param>
    public Task<ProcessJobResult> RunAsync(ProcessStartInfo start, string jobFolder, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        StartAndWaitAsync(start, string.Join(' ', [start.FileName, .. start.ArgumentList]), jobFolder, timeout, cancellationToken);

    private async Task<ProcessJobResult> StartAndWaitAsync(ProcessStartInfo start, string command, string jobFolder, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var executable = start.FileName;
        var stopwatch = Stopwatch.StartNew();
        Process process;
        try
        {
            process = Start(start);
        }
        catch (Win32Exception exception)
        {
            return new ProcessJobResult
            {
                JobFolder = jobFolder,
                Command = command,
                StartFailure = $"Cortex cannot start {executable}: {exception.Message}"
                    + (File.Exists(executable) ? " (is its run bit set? is its interpreter installed?)" : " (no such file)"),
            };
        }

        using (process)
        {
            process.StandardInput.Close();
            var log = new PrintedLines();
            var readOut = log.CollectAsync(process.StandardOutput, "stdout");
            var readErr = log.CollectAsync(process.StandardError, "stderr");
            using var stopOnCancel = cancellationToken.Register(() => KillTree(process));
            var terminated = false;
            var killed = false;
            if (!await ExitedAsync(process, timeout, cancellationToken))
            {
                terminated = true;
                if (AtTimeout.Terminates)
                {
                    await SignalAsync(process, "TERM");
                }
                else
                {
                    await SignalAsync(process, "KILL");
                    killed = true;
                }

                if (!killed && AtTimeout.KillAfter is { } grace && !await ExitedAsync(process, grace, cancellationToken))
                {
                    await SignalAsync(process, "KILL");
                    killed = true;
                }

                // The process runner never kills: like Cortex, this waits for the process (the caller's token can stop it).
                await process.WaitForExitAsync(cancellationToken);
            }

            var elapsed = stopwatch.Elapsed;
            await Task.WhenAny(Task.WhenAll(readOut, readErr), Task.Delay(OutputDrain, cancellationToken));
            var (printed, lines) = log.Close();
            return new ProcessJobResult
            {
                JobFolder = jobFolder,
                Command = command,
                ExitCode = process.ExitCode,
                Terminated = terminated,
                Killed = killed,
                Warnings = terminated ? [AtTimeout.Describe(timeout, killed)] : [],
                Elapsed = elapsed,
                Log = lines,
                NoOutputReport = AtTimeout.WritesMissingOutput ? WriteNoOutputReport(jobFolder, printed) : null,
            };
        }
    }

    /// <summary>Cortex's "no output" rule: a missing or empty report becomes a failure carrying what the process printed.</summary>
    private static JObject? WriteNoOutputReport(string jobFolder, IReadOnlyList<string> printed)
    {
        var outputFile = JobFolder.OutputFile(jobFolder);
        if (File.Exists(outputFile) && new FileInfo(outputFile).Length > 0)
        {
            return null;
        }

        // Cortex concatenates the printed lines as they are, without separators.
        var report = JobReport.ForFailure(null, string.Concat(printed)).Document;
        Directory.CreateDirectory(Path.GetDirectoryName(outputFile)!);
        using var stream = new FileStream(outputFile, FileMode.Create, FileAccess.Write);
        CortexJson.Write(report, stream);
        return report;
    }

    /// <summary>Starts the process; a script without a #! line runs with /bin/sh, as the JVM's process launcher does.</summary>
    private static Process Start(ProcessStartInfo start)
    {
        const int ENOEXEC = 8;
        try
        {
            return Process.Start(start)!;
        }
        catch (Win32Exception exception) when (exception.NativeErrorCode == ENOEXEC)
        {
            var shell = new ProcessStartInfo("/bin/sh")
            {
                WorkingDirectory = start.WorkingDirectory,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            shell.ArgumentList.Add(start.FileName);
            foreach (var argument in start.ArgumentList)
            {
                shell.ArgumentList.Add(argument);
            }

            shell.Environment.Clear();
            foreach (var (key, value) in start.Environment)
            {
                shell.Environment[key] = value;
            }

            return Process.Start(shell)!;
        }
    }

    private async Task SignalAsync(Process process, string signal)
    {
        if (SignalContainer is not null)
        {
            await SignalContainer(signal);
        }

        if (signal == "KILL")
        {
            KillTree(process);
        }
        else if (SignalContainer is null)
        {
            UnixSignal.Terminate(process.Id);
        }
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already ended.
        }
    }

    private static async Task<bool> ExitedAsync(Process process, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
