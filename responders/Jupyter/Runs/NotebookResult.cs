using Cortex.Responders;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter.Runs;

/// <summary>What became of one notebook of the job.</summary>
/// <param name="Input">Its path, as configured in <c>input_paths</c>.</param>
/// <param name="Output">Where the executed notebook was saved (a path on the server, or a local file), or null if it was not.</param>
/// <param name="Error">Why it failed, or null when it completed.</param>
/// <param name="ExecutedCells">How many code cells ran.</param>
/// <param name="Duration">How long it took, from reading it to saving it.</param>
/// <param name="Operations">The operations its <c>operations</c> cells returned.</param>
internal sealed record NotebookResult(string Input, string? Output, string? Error, int ExecutedCells, TimeSpan Duration, IReadOnlyList<JObject> Operations)
{
    public bool Completed => Error is null;

    public JObject ToJson()
    {
        var json = new JObject
        {
            ["input"] = Input,
            ["output"] = Output,
            ["status"] = Completed ? "completed" : "failed",
            ["executedCells"] = ExecutedCells,
            ["duration"] = Math.Round(Duration.TotalSeconds, 3),
            [ReportKeys.Operations] = Operations.Count,
        };
        if (Error is not null)
        {
            json["error"] = Error;
        }

        return json;
    }
}
