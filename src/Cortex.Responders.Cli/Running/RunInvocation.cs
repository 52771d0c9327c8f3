namespace Cortex.Responders.Cli.Running;

/// <summary>
/// What `cortex-responder run` was asked: the job (an <see cref="Input"/> file, or an analyzer's value or file in
/// <see cref="Job"/>), how to run it, and where to say what happened.
/// </summary>
internal sealed record RunInvocation(
    string Flavor,
    string? Input,
    JobRequest Job,
    TimeSpan? Timeout,
    string? CaCertificates,
    bool KeepJobFolder,
    bool Json,
    TextWriter Output,
    TextWriter Error)
{
    /// <summary>Which of Cortex's runners to act as (<see cref="RunnerNames"/>): process, the default, docker or kubernetes.</summary>
    public string Runner { get; init; } = RunnerNames.Process;

    /// <summary>The image the docker and kubernetes runners start (default: the flavor's dockerImage).</summary>
    public string? Image { get; init; }

    /// <summary>The container engine for the docker and kubernetes runners: docker or podman (default: the first installed).</summary>
    public string? Engine { get; init; }
}
