using Cortex.Responders;
using Cortex.Workers.Responders.Jupyter.Notebooks;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter.Runs;

/// <summary>
/// The operations an executed notebook hands to TheHive: what the cells tagged <c>operations</c> print on
/// standard output, one JSON object per line (blank lines skipped), each checked as TheHive would.
/// </summary>
internal static class NotebookOperations
{
    public const string Tag = "operations";

    private const int MaxQuoted = 120;

    /// <exception cref="JupyterException">A line is not a JSON object, or TheHive would reject the operation.</exception>
    public static IReadOnlyList<JObject> Collect(JObject notebook, string notebookPath, string dataType)
    {
        var operations = new List<JObject>();
        var cells = Notebook.Cells(notebook);
        for (var index = 0; index < cells.Count; index++)
        {
            if (!Notebook.HasTag(cells[index], Tag) || cells[index]["outputs"] is not JArray outputs)
            {
                continue;
            }

            var stdout = outputs.Where(o => (string?)o["output_type"] == "stream" && (string?)o["name"] == "stdout")
                .Select(o => Notebook.MultilineText(o["text"]));
            foreach (var line in string.Concat(stdout).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
            {
                var where = $"notebook {notebookPath}, cell {index + 1} (tagged {Tag})";
                var operation = Parse(line) ?? throw new JupyterException(
                    $"{where} printed a line that is not a JSON object: {Quote(line)}; print one operation per line, e.g. "
                        + $"print(json.dumps({{\"type\": \"AddTagToCase\", \"tag\": \"done\"}}))");
                if (OperationCatalog.Check(operation, dataType) is { Count: > 0 } problems)
                {
                    throw new JupyterException($"{where} returned an operation TheHive would reject: {string.Join("; ", problems)}: {Quote(line)}");
                }

                operations.Add(operation);
            }
        }

        return operations;
    }

    /// <summary>The line as Cortex will read it back from the report (strict JSON, one value), or null when it is not an object.</summary>
    private static JObject? Parse(string line)
    {
        try
        {
            return CortexJson.Parse(line) as JObject;
        }
        catch (CortexJsonException)
        {
            return null;
        }
    }

    private static string Quote(string line) => line.Length > MaxQuoted ? line[..MaxQuoted] + "…" : line;
}
