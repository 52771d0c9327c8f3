using System.Diagnostics;

namespace Cortex.Responders.Cli.Images;

/// <summary>
/// How Cortex 4.1's container runners start a job's image, as a <c>docker run</c> / <c>podman run</c> command:
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
    public const string Docker = "docker";

    public const string Kubernetes = "kubernetes";

    public static ProcessStartInfo Create(ContainerEngine engine, string runner, string image, string jobFolder)
    {
        var start = new ProcessStartInfo(engine.Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var caCertificates = File.Exists(Path.Combine(jobFolder, "input", "cacerts"));
        List<string> arguments = ["run", "--rm", "--name", Path.GetFileName(jobFolder)];
        if (runner == Kubernetes)
        {
            arguments.AddRange(["--volume", $"{Path.Combine(jobFolder, "input")}:/job/input:ro", "--volume", $"{Path.Combine(jobFolder, "output")}:/job/output:rw"]);
            arguments.AddRange(["--env", $"CORTEX_JOB_FOLDER={Path.GetFileName(jobFolder)}"]);
        }
        else
        {
            arguments.AddRange(["--volume", $"{jobFolder}:/job:rw"]);
        }

        if (caCertificates)
        {
            arguments.AddRange(["--env", "REQUESTS_CA_BUNDLE=/job/input/cacerts"]);
        }
        else if (runner == Docker)
        {
            arguments.AddRange(["--env", "JAVA_TOOL_OPTIONS=-Dfile.encoding=UTF8"]);
        }
        arguments.Add(image);
        if (runner == Kubernetes)
        {
            arguments.Add("/job");
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>Exit codes by which docker and podman say the container never ran its entry point (engine error, not executable, not found).</summary>
    public static bool NotStarted(int exitCode) => exitCode is 125 or 126 or 127;
}
