using Cortex.Responders;
using FluentAssertions;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter.Tests;

/// <summary>papermill's error markers, as a saved notebook whose cell failed must hold them.</summary>
internal static class Markers
{
    private const string Tag = "papermill-error-cell-tag";

    /// <summary>A marker at the top links to In [<paramref name="executionCount"/>], and the anchor sits just before the failing cell.</summary>
    public static void ShouldMarkTheFailure(IReadOnlyList<JToken> cells, int anchorIndex, int executionCount)
    {
        var marked = cells.Select((c, i) => (Cell: c, Index: i)).Where(c => c.Cell["metadata"]?["tags"] is JArray tags && tags.Values<string>().Contains(Tag)).ToList();
        marked.Select(m => m.Index).Should().Equal(0, anchorIndex);
        marked.Should().OnlyContain(m => (string?)m.Cell["cell_type"] == "markdown");
        NotebookFile.Source(cells[0]).Should().Contain($"<a href=\"#papermill-error-cell\">In [{executionCount}]</a>");
        NotebookFile.Source(cells[anchorIndex]).Should().Contain("id=\"papermill-error-cell\"");
        ((string?)cells[anchorIndex + 1]["outputs"]!.Last!["output_type"]).Should().Be("error", "the anchor is just before the failing cell");
    }
}
