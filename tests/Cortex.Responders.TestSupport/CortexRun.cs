using System.Text;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.TestSupport;

/// <summary>What a responder process left: exit code, standard output and error, and output/output.json.</summary>
public sealed record CortexRun(
    int ExitCode,
    byte[] StandardOutputBytes,
    string StandardError,
    byte[] OutputBytes,
    JObject? Output,
    bool Terminated,
    TimeSpan Elapsed)
{
    public string StandardOutput => Encoding.UTF8.GetString(StandardOutputBytes);

    public bool Success => Output?["success"]?.Type == JTokenType.Boolean && (bool)Output["success"]!;

    public string? ErrorMessage => (string?)Output?["errorMessage"];

    public override string ToString() =>
        $"exit {ExitCode}; output.json: {Encoding.UTF8.GetString(OutputBytes)}; stdout: {StandardOutput}; stderr: {StandardError}";
}
