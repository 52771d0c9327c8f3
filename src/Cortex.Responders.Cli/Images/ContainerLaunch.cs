using System.Diagnostics;
using Cortex.Responders.Cli.Running;

namespace Cortex.Responders.Cli.Images;

/// <summary>
/// How Cortex 4.1's container runners start a job's image, as a <c>docker run</c> / <c>podman run</c> command
/// that <see cref="ProcessJobRunner"/> runs in place of the flavor's command:
/// <list type="bullet">
/// <item>docker: the job folder mounted read-write at /job, the entry point with no argument, the image's own
/// user; <c>REQUESTS_CA_BUNDLE=/job/input/cacerts</c> when the job has CA certificates (else Cortex's
/// <c>JAVA_TOOL_OPTIONS</c>: its second <c>withEnv</c> replaces the first);</item>
/// <item>kubernetes: input/ mounted read-only at /job/input, output/ read-write at /job/output, the argument
/// /job, <c>CORTEX_JOB_FOLDER</c> the job folder relative to Cortex's job directory (the volume's sub-path,
/// not a path in the container), and the same <c>REQUESTS_CA_BUNDLE</c>.</item>
/// </list>
/// </summary>
internal static class ContainerLaunch
{
    private const string InContainer = JobFolder.DefaultPath;

    /// <param name="engine">docker or podman.</param>
    /// <param name="runner"><see cref="RunnerNames.Docker"/> or <see cref="RunnerNames.Kubernetes"/>.</param>
    /// <param name="image">The image to start.</param>
    /// <param name="jobFolder">A prepared job folder (<see cref="PreparedJobFolder"/>).</param>
    public static ProcessStartInfo Create(ContainerEngine engine, string runner, string image, string jobFolder)
    {
        var start = new ProcessStartInfo(engine.Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var input = $"{InContainer}/{JobFolder.InputFolder}";
        var output = $"{InContainer}/{JobFolder.OutputFolder}";
        var caCertificates = File.Exists(JobFolder.CaCertificatesFile(jobFolder));
        List<string> arguments = ["run", "--rm", "--name", Path.GetFileName(jobFolder)];
        if (runner == RunnerNames.Kubernetes)
        {
            arguments.AddRange([
                "--volume", $"{Path.Combine(jobFolder, JobFolder.InputFolder)}:{input}:ro",
                "--volume", $"{Path.Combine(jobFolder, JobFolder.OutputFolder)}:{output}:rw",
            ]);
            arguments.AddRange(["--env", $"{JobFolder.FolderVariable}={Path.GetFileName(jobFolder)}"]);
        }
        else
        {
            arguments.AddRange(["--volume", $"{jobFolder}:{InContainer}:rw"]);
        }

        if (caCertificates)
        {
            arguments.AddRange(["--env", $"{JobFolder.CaBundleVariable}={input}/{JobFolder.CaCertificatesFileName}"]);
        }
        else if (runner == RunnerNames.Docker)
        {
            arguments.AddRange(["--env", "JAVA_TOOL_OPTIONS=-Dfile.encoding=UTF8"]);
        }

        arguments.Add(image);
        if (runner == RunnerNames.Kubernetes)
        {
            arguments.Add(InContainer);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>
    /// Sends <paramref name="signal"/> (TERM, KILL) to the job's container, named after the job folder, as the runner
    /// does at the timeout (<c>docker kill</c>): signalling the engine's client alone would leave the container running.
    /// </summary>
    public static async Task SignalAsync(ContainerEngine engine, string jobFolder, string signal)
    {
        var start = new ProcessStartInfo(engine.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["kill", "--signal", signal, Path.GetFileName(jobFolder)])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(limit.Token);
            await drain;
        }
        catch (OperationCanceledException)
        {
            // The engine hangs: the client is killed next anyway.
            process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Exit codes by which docker and podman say the container never ran its entry point (engine error, not executable, not found).</summary>
    public static bool NotStarted(int? exitCode) => exitCode is 125 or 126 or 127;
}
