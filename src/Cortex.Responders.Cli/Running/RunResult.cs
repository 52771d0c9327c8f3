using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Cli.Running;

/// <summary>How a job ended, read as Cortex and TheHive read it.</summary>
internal sealed class RunResult
{
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
    public int ExitStatus => Success && Problems.Count == 0 ? 0 : 1;

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
