using Cortex.Responders;
namespace Cortex.Workers.Responders.Jupyter.Kernels;

/// <summary>How a notebook's run ended: how many cells ran, and the failing cell (index, execution count, error) if one failed.</summary>
internal sealed record ExecutionOutcome(int ExecutedCells, int? FailedCellIndex, int? FailedExecutionCount, CellError? Error, bool TimedOut)
{
    public bool Succeeded => Error is null;
}
