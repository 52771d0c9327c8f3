using Cortex.Responders;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter.Notebooks;

/// <summary>
/// Parameterises a notebook as papermill does: a code cell tagged <c>injected-parameters</c> that assigns
/// each parameter replaces an earlier injected cell, else goes right after the first cell tagged
/// <c>parameters</c>, else at the top.
/// </summary>
internal static class NotebookParameters
{
    public const string ParametersTag = "parameters";

    public const string InjectedTag = "injected-parameters";

    /// <summary>Injects <paramref name="parameters"/> (name → JSON value) into <paramref name="notebook"/>, in place.</summary>
    public static void Inject(JObject notebook, IReadOnlyList<KeyValuePair<string, JToken>> parameters)
    {
        var cells = Notebook.Cells(notebook);
        var source = new StringBuilder("# Parameters\n");
        foreach (var (name, value) in parameters)
        {
            source.Append(name).Append(" = ").Append(PythonLiteral.Of(value)).Append('\n');
        }

        var cell = new JObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["metadata"] = new JObject { ["tags"] = new JArray(InjectedTag) },
            ["outputs"] = new JArray(),
            ["source"] = source.ToString(),
        };

        // nbformat 4.5 gives every cell an id; a notebook that has them must keep having them.
        if (cells.Children<JObject>().Any(c => c["id"] is not null))
        {
            cell.AddFirst(new JProperty("id", Guid.NewGuid().ToString("N")[..8]));
        }

        var injected = Notebook.FirstTagged(cells, InjectedTag);
        if (injected >= 0)
        {
            cells[injected] = cell;
            return;
        }

        cells.Insert(Notebook.FirstTagged(cells, ParametersTag) + 1, cell);
    }
}
