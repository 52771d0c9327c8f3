namespace Cortex.Responders.Cli.Running;

/// <summary>What `cortex-responder run` was asked: the job, how to run it, and where to say what happened.</summary>
internal sealed record RunInvocation(
    string Flavor,
    string Input,
    JobRequest Job,
    TimeSpan? Timeout,
    string? CaCertificates,
    bool KeepJobFolder,
    bool Json,
    TextWriter Output,
    TextWriter Error);
