using Cortex.Responders;
using System.Globalization;
using Cortex.Workers.Responders.Jupyter.Notebooks;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter.Kernels;

/// <summary>
/// Runs a notebook's code cells in order on a kernel, as papermill does: each cell's outputs and execution
/// count are stored in the notebook, and the run stops at the first cell that raises or runs too long (that
/// cell keeps its error; later cells keep no output).
/// </summary>
internal static class NotebookExecution
{
    /// <summary>Runs <paramref name="notebook"/> in place and says how it ended.</summary>
    public static async Task<ExecutionOutcome> RunAsync(JObject notebook, KernelSession kernel, TimeSpan cellLimit, CancellationToken cancellationToken)
    {
        var cells = Notebook.Cells(notebook);

        // Papermill starts from a clean slate: no count and no output left from an earlier run.
        foreach (var cell in cells.Where(Notebook.IsCode))
        {
            cell["execution_count"] = null;
            cell["outputs"] = new JArray();
        }

        var executed = 0;
        for (var index = 0; index < cells.Count; index++)
        {
            var cell = cells[index];
            if (!Notebook.IsCode(cell) || Notebook.Source(cell).Trim().Length == 0)
            {
                continue;
            }

            var run = await kernel.ExecuteAsync(Notebook.Source(cell), cellLimit, cancellationToken);
            executed++;
            cell["execution_count"] = run.ExecutionCount;
            cell["outputs"] = run.Outputs;
            if (run.TimedOut)
            {
                var timeout = new CellError("CellTimeoutError", $"the cell ran longer than {cellLimit.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
                ((JArray)cell["outputs"]!).Add(new JObject
                {
                    ["output_type"] = "error",
                    ["ename"] = timeout.Name,
                    ["evalue"] = timeout.Value,
                    ["traceback"] = new JArray(),
                });
                return new ExecutionOutcome(executed, index, run.ExecutionCount, timeout, TimedOut: true);
            }

            if (run.Error is not null)
            {
                return new ExecutionOutcome(executed, index, run.ExecutionCount, run.Error, TimedOut: false);
            }
        }

        return new ExecutionOutcome(executed, null, null, null, TimedOut: false);
    }
}
