namespace Cortex.Responders.Cli.Running;

/// <summary>What `cortex-responder run` was asked.</summary>
internal sealed record RunRequest(
    string Flavor,
    string Input,
    IReadOnlyList<(string Key, string Value)> Config,
    string? DataType,
    int? Tlp,
    int? Pap,
    TimeSpan? Timeout,
    string? CaCertificates,
    bool KeepJobFolder)
{
    /// <summary>Which of Cortex's runners to act as: process (the default), docker or kubernetes.</summary>
    public string Runner { get; init; } = "process";

    /// <summary>The image the docker and kubernetes runners start (default: the flavor's dockerImage).</summary>
    public string? Image { get; init; }

    /// <summary>The container engine for the docker and kubernetes runners: docker or podman (default: the first installed).</summary>
    public string? Engine { get; init; }
}
