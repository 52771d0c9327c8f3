using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Cli.Running;

/// <summary>How a job ended, read as Cortex and TheHive read it.</summary>
internal sealed class RunResult
{
    /// <summary>The verdict of a flavor Cortex would not load (<see cref="Problems"/> say why); nothing ran.</summary>
    public const string NotLoaded = "not loaded";

    /// <summary>The verdict of a job Cortex would refuse (<see cref="Problems"/> say why); nothing ran.</summary>
    public const string Refused = "refused";

    /// <summary>The verdict of a flavor without command run as the process runner; nothing ran.</summary>
    public const string NoCommand = "no command";

    /// <summary>A command line that cannot run (exit code 2), said on standard error; nothing ran.</summary>
    public string? CommandLineError { get; init; }

    /// <summary>Why the run itself failed (a file it could not read, an interruption), said on standard error.</summary>
    public string? RunError { get; init; }

    public string Verdict { get; set; } = "not run";

    public bool Success { get; set; }

    public int? ExitCode { get; set; }

    public bool Terminated { get; set; }

    public TimeSpan Elapsed { get; set; }

    public string? JobFolder { get; set; }

    public string Command { get; set; } = string.Empty;

    public JObject? Output { get; set; }

    public List<string> Problems { get; } = [];

    public List<string> Warnings { get; } = [];

    public List<string> Log { get; } = [];

    /// <summary>0 when Cortex and TheHive would take the job as a success with every operation applied.</summary>
    public int ExitStatus => CommandLineError is not null ? ExitCodes.Usage
        : RunError is null && Success && Problems.Count == 0 ? ExitCodes.Ok
        : ExitCodes.Failed;

    public JObject ToJson() => new()
    {
        ["verdict"] = Verdict,
        ["success"] = Success && Problems.Count == 0,
        ["exitCode"] = ExitCode,
        ["terminated"] = Terminated,
        ["elapsedMs"] = (long)Elapsed.TotalMilliseconds,
        ["command"] = Command,
        ["jobFolder"] = JobFolder,
        ["output"] = Output,
        ["problems"] = new JArray(Problems),
        ["warnings"] = new JArray(Warnings),
        ["log"] = new JArray(Log),
    };
}
