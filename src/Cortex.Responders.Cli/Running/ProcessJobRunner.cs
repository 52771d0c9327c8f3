using System.ComponentModel;
using System.Diagnostics;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Cli.Running;

/// <summary>
/// Cortex's process runner (<c>ProcessJobRunnerSrv</c>) on a prepared job folder: it runs
/// <c>&lt;command&gt; &lt;jobFolder&gt;</c> from the parent of the command's folder, with
/// <c>REQUESTS_CA_BUNDLE</c> set when <c>input/cacerts</c> exists, collects what the process prints, sends SIGTERM
/// at the job timeout, and writes <c>{"success": false, "errorMessage": &lt;what it printed&gt;}</c> when the
/// process left no <c>output/output.json</c>. It holds no state between jobs: one runner can run many at once.
/// Cortex's container runners go through it too, with a container engine's run command in place of the
/// flavor's command (<see cref="Images.ContainerLaunch"/>).
/// </summary>
internal sealed class ProcessJobRunner
{
    /// <summary>How long a process may outlive SIGTERM before it is killed (Cortex's JVM would wait for it).</summary>
    public TimeSpan KillGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait, once the process ended, for its pipes to close: a child it left behind may hold them.</summary>
    public TimeSpan OutputDrain { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Whether a missing or empty report is replaced by Cortex's no-output report (<see cref="ProcessJobResult.NoOutputReport"/>),
    /// as Cortex's process and Docker runners do; its Kubernetes runner writes nothing in its place.
    /// </summary>
    public bool WritesMissingOutput { get; init; } = true;

    /// <summary>Runs the job and returns how the process ended; the report is left in the job folder.</summary>
    /// <param name="executable">The command, resolved against the responders root.</param>
    /// <param name="jobFolder">A prepared job folder (<see cref="PreparedJobFolder"/>).</param>
    /// <param name="timeout">The job timeout, after which the process gets SIGTERM.</param>
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
    /// <param name="timeout">The job timeout, after which the process gets SIGTERM.</param>
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
                StartFailure = $"Cortex cannot start {executable}: {exception.Message}{(File.Exists(executable) ? " (is its run bit set? is its interpreter installed?)" : " (no such file)")}",
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
                UnixSignal.Terminate(process.Id);
                if (!await ExitedAsync(process, KillGrace, cancellationToken))
                {
                    KillTree(process);
                    killed = true;
                    await process.WaitForExitAsync(cancellationToken);
                }
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
                Warnings = killed ? [$"the process ignored SIGTERM for {KillGrace.TotalSeconds} s and was killed"] : [],
                Elapsed = elapsed,
                Log = lines,
                NoOutputReport = WritesMissingOutput ? WriteNoOutputReport(jobFolder, printed) : null,
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
