using Cortex.Responders;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter.Kernels;

/// <summary>
/// Turns the iopub messages of one execution into nbformat 4 outputs as nbclient stores them: consecutive
/// stream text of one stream joined, <c>clear_output</c> honoured (with <c>wait</c>, at the next output).
/// </summary>
internal sealed class CellOutputs
{
    private readonly JArray outputs = [];
    private bool clearBeforeNext;

    /// <summary>The first error the cell raised, if any.</summary>
    public CellError? Error { get; private set; }

    public void Add(string? messageType, JObject content)
    {
        switch (messageType)
        {
            case "stream":
                Append(content);
                break;
            case "display_data":
                Push(new JObject
                {
                    ["output_type"] = "display_data",
                    ["data"] = content["data"] ?? new JObject(),
                    ["metadata"] = content["metadata"] ?? new JObject(),
                });
                break;
            case "execute_result":
                Push(new JObject
                {
                    ["output_type"] = "execute_result",
                    ["execution_count"] = content["execution_count"],
                    ["data"] = content["data"] ?? new JObject(),
                    ["metadata"] = content["metadata"] ?? new JObject(),
                });
                break;
            case "error":
                Error ??= CellError.FromContent(content);
                Push(new JObject
                {
                    ["output_type"] = "error",
                    ["ename"] = content["ename"],
                    ["evalue"] = content["evalue"],
                    ["traceback"] = content["traceback"] ?? new JArray(),
                });
                break;
            case "clear_output":
                if ((bool?)content["wait"] == true)
                {
                    clearBeforeNext = true;
                }
                else
                {
                    outputs.Clear();
                }

                break;

            // update_display_data rewrites an earlier display in a live front end; a saved run keeps what was shown.
            default:
                break;
        }
    }

    public JArray ToArray() => (JArray)outputs.DeepClone();

    private void Append(JObject content)
    {
        var name = (string?)content["name"] ?? "stdout";
        var text = (string?)content["text"] ?? string.Empty;
        if (!clearBeforeNext && outputs.Count > 0 && outputs[^1] is JObject last
            && (string?)last["output_type"] == "stream" && (string?)last["name"] == name)
        {
            last["text"] = (string?)last["text"] + text;
            return;
        }

        Push(new JObject { ["output_type"] = "stream", ["name"] = name, ["text"] = text });
    }

    private void Push(JObject output)
    {
        if (clearBeforeNext)
        {
            outputs.Clear();
            clearBeforeNext = false;
        }

        outputs.Add(output);
    }
}
