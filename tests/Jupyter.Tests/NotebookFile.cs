using Cortex.Responders;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter.Tests;

/// <summary>Notebooks for the tests: nbformat 4 JSON built from cells, and read back as Cortex would keep it.</summary>
internal static class NotebookFile
{
    /// <summary>A python3 notebook of the given cells.</summary>
    public static JObject Of(params JObject[] cells) => new()
    {
        ["cells"] = new JArray(cells),
        ["metadata"] = new JObject
        {
            ["kernelspec"] = new JObject { ["name"] = "python3", ["display_name"] = "Python 3", ["language"] = "python" },
            ["language_info"] = new JObject { ["name"] = "python" },
        },
        ["nbformat"] = 4,
        ["nbformat_minor"] = 4,
    };

    /// <summary>A code cell; its source is stored as a list of lines, as Jupyter saves it.</summary>
    public static JObject Code(string source, params string[] tags)
    {
        var lines = source.Split('\n');
        return new JObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["metadata"] = tags.Length == 0 ? new JObject() : new JObject { ["tags"] = new JArray(tags) },
            ["outputs"] = new JArray(),
            ["source"] = new JArray(lines.Select((line, i) => i < lines.Length - 1 ? line + "\n" : line).ToArray()),
        };
    }

    public static JObject Markdown(string source) => new()
    {
        ["cell_type"] = "markdown",
        ["metadata"] = new JObject(),
        ["source"] = source,
    };

    public static JObject Read(string file)
    {
        using var reader = new JsonTextReader(new StringReader(File.ReadAllText(file))) { DateParseHandling = DateParseHandling.None };
        return (JObject)JToken.ReadFrom(reader);
    }

    /// <summary>The text a cell printed on standard output.</summary>
    public static string Stdout(JToken cell) => string.Concat(cell["outputs"]!.Where(o => (string?)o["output_type"] == "stream" && (string?)o["name"] == "stdout")
        .Select(o => o["text"] is JArray lines ? string.Concat(lines.Values<string>()) : (string?)o["text"]));

    public static string Source(JToken cell) => cell["source"] is JArray lines ? string.Concat(lines.Values<string>()) : (string)cell["source"]!;
}
