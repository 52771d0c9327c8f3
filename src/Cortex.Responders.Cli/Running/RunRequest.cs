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
    bool KeepJobFolder);
