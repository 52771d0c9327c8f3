using Cortex.Responders;
namespace Cortex.Workers.Responders.Jupyter.Kernels;

/// <summary>A started kernel. Disposing it always shuts it down (bounded in time, even while the job is being stopped).</summary>
internal interface IKernel : IAsyncDisposable
{
    /// <summary>The protocol session that runs the cells.</summary>
    KernelSession Session { get; }
}
