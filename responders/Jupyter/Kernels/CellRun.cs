using Cortex.Responders;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter.Kernels;

/// <summary>What running one code cell gave: its nbformat outputs, its execution count, and its error if it raised.</summary>
internal sealed record CellRun(JArray Outputs, int? ExecutionCount, CellError? Error, bool TimedOut);
