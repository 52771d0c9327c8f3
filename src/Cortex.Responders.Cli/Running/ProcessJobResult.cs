using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Cli.Running;

/// <summary>What happened when <see cref="ProcessJobRunner"/> ran a job: the process's end and what it printed.</summary>
internal sealed class ProcessJobResult
{
    /// <summary>The job folder it ran on.</summary>
    public required string JobFolder { get; init; }

    /// <summary>The command line as a shell would run it, with its working directory.</summary>
    public required string Command { get; init; }

    /// <summary>Why the process could not start (then nothing ran), or null.</summary>
    public string? StartFailure { get; init; }

    /// <summary>The exit code, or null when it never started.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Whether the job timeout was reached and the process was stopped (SIGTERM, or the Docker runner's SIGKILL).</summary>
    public bool Terminated { get; init; }

    /// <summary>Whether it got SIGKILL at the timeout (the Docker runner) or after ignoring SIGTERM for the grace period (Kubernetes).</summary>
    public bool Killed { get; init; }

    /// <summary>What the runner noticed on the way (how it stopped the process at the timeout).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>From the start to the end of the process.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Every line printed, prefixed by its stream (<c>stdout: …</c>, <c>stderr: …</c>), in order.</summary>
    public IReadOnlyList<string> Log { get; init; } = [];

    /// <summary>
    /// The report Cortex's process runner wrote in place of a missing or empty <c>output/output.json</c>
    /// (<c>success: false</c>, everything printed as <c>errorMessage</c>), or null when the responder wrote one.
    /// </summary>
    public JObject? NoOutputReport { get; init; }
}
