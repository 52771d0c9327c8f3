using Cortex.Responders;
using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter.Notebooks;

/// <summary>
/// papermill's error markers in a notebook whose cell failed: a markdown cell at the top that links to the failing
/// cell, and one just before that cell holding the link's anchor (<c>papermill-error-cell</c>), both tagged
/// <c>papermill-error-cell-tag</c>, so that whoever opens the saved notebook sees where it stopped, and tools that
/// look for papermill's marks find them.
/// </summary>
internal static class ErrorMarkers
{
    public const string Tag = "papermill-error-cell-tag";

    public const string Anchor = "papermill-error-cell";

    private const string Style = "color:red; font-family:Helvetica Neue, Helvetica, Arial, sans-serif; font-size:2em;";

    /// <summary>Marks the cell at <paramref name="cellIndex"/> (whose execution count is <paramref name="executionCount"/>) as where the run stopped.</summary>
    public static void Insert(JObject notebook, int cellIndex, int? executionCount)
    {
        var cells = Notebook.Cells(notebook);
        var count = executionCount?.ToString(CultureInfo.InvariantCulture) ?? " ";

        // nbformat 4.5 gives every cell an id: so do the markers, when the notebook's cells have them.
        var ids = cells.Children<JObject>().Any(c => c["id"] is not null);
        cells.Insert(cellIndex, Markdown(ids, $"<span id=\"{Anchor}\" style=\"{Style}\">Execution using papermill encountered an exception here and stopped:</span>"));
        cells.Insert(0, Markdown(ids, $"<span style=\"{Style}\">An Exception was encountered at '<a href=\"#{Anchor}\">In [{count}]</a>'.</span>"));
    }

    private static JObject Markdown(bool withId, string source)
    {
        var cell = new JObject
        {
            ["cell_type"] = "markdown",
            ["metadata"] = new JObject { ["tags"] = new JArray(Tag) },
            ["source"] = source,
        };
        if (withId)
        {
            cell.AddFirst(new JProperty("id", Guid.NewGuid().ToString("N")[..8]));
        }

        return cell;
    }
}
