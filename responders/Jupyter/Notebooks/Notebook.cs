using Cortex.Responders;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter.Notebooks;

/// <summary>Reading the parts of an nbformat 4 notebook (a JSON object) this responder works on.</summary>
internal static class Notebook
{
    /// <summary>The kernel a notebook names in its metadata (papermill runs it on that kernel), else python3.</summary>
    public const string DefaultKernel = "python3";

    /// <summary>Checks that <paramref name="notebook"/> is an nbformat 4 notebook; returns what is wrong, or null.</summary>
    public static string? Problem(JToken? notebook)
    {
        if (notebook is not JObject json)
        {
            return "it is not a notebook (no JSON object)";
        }

        if (json["nbformat"]?.Type != JTokenType.Integer || (int)json["nbformat"]! != 4)
        {
            return $"it is not an nbformat 4 notebook (nbformat {json["nbformat"]?.ToString() ?? "missing"}); save it with a current Jupyter";
        }

        if (json["cells"] is not JArray cells || cells.Any(c => c is not JObject))
        {
            return "its \"cells\" is not a list of cells";
        }

        return null;
    }

    public static JArray Cells(JObject notebook) => (JArray)notebook["cells"]!;

    public static string KernelName(JObject notebook) =>
        notebook["metadata"]?["kernelspec"]?["name"] is { Type: JTokenType.String } name && ((string)name!).Length > 0 ? (string)name! : DefaultKernel;

    public static bool IsCode(JToken cell) => (string?)cell["cell_type"] == "code";

    /// <summary>A cell's source: nbformat allows one string or a list of lines.</summary>
    public static string Source(JToken cell) => MultilineText(cell["source"]);

    public static bool HasTag(JToken cell, string tag) =>
        cell["metadata"]?["tags"] is JArray tags && tags.Any(t => t.Type == JTokenType.String && (string)t! == tag);

    /// <summary>The index of the first cell tagged <paramref name="tag"/>, or -1.</summary>
    public static int FirstTagged(JArray cells, string tag)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (HasTag(cells[i], tag))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Text that nbformat may store as a string or a list of lines.</summary>
    public static string MultilineText(JToken? text) => text switch
    {
        JArray lines => string.Concat(lines.Select(l => (string?)l)),
        { Type: JTokenType.String } single => (string)single!,
        _ => string.Empty,
    };
}
