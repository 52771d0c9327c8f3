using Cortex.Responders;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter.Kernels;

/// <summary>The exception a cell raised, as the kernel reported it (<c>ename</c>, <c>evalue</c>).</summary>
internal sealed record CellError(string Name, string Value)
{
    public static CellError FromContent(JObject content) => new((string?)content["ename"] ?? "Error", (string?)content["evalue"] ?? string.Empty);

    /// <summary>An execute_reply whose status is not ok, when no error message came on iopub.</summary>
    public static CellError FromReply(JObject reply) => (string?)reply["status"] == "aborted"
        ? new CellError("Aborted", "the kernel aborted the execution")
        : FromContent(reply);

    public override string ToString() => Value.Length == 0 ? Name : $"{Name}: {Value}";
}
