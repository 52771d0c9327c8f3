namespace Cortex.Responders.Cli.Tests.Images;

/// <summary>Which of Cortex 4.1's container runners a test acts as (see <see cref="UnpackedImage"/>).</summary>
public enum RunnerContract
{
    /// <summary>The job folder read-write at /job, the entry point with no argument.</summary>
    Docker,

    /// <summary>input/ read-only at /job/input, output/ at /job/output, the argument /job, CORTEX_JOB_FOLDER the relative job folder.</summary>
    Kubernetes,
}
