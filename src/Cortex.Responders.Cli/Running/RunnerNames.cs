namespace Cortex.Responders.Cli.Running;

/// <summary>Cortex's job runners, as its <c>job.runners</c> names them, that <c>run --runner</c> acts as.</summary>
internal static class RunnerNames
{
    /// <summary>The process runner: the flavor's command with the job folder as argument (the default).</summary>
    public const string Process = "process";

    /// <summary>The Docker runner: the image with the job folder mounted at <c>/job</c>.</summary>
    public const string Docker = "docker";

    /// <summary>The Kubernetes runner: the image with <c>input/</c> and <c>output/</c> mounted, the argument <c>/job</c>.</summary>
    public const string Kubernetes = "kubernetes";

    public static IReadOnlyList<string> All { get; } = [Process, Docker, Kubernetes];
}
