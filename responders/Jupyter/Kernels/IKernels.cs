using Cortex.Responders;
namespace Cortex.Workers.Responders.Jupyter.Kernels;

/// <summary>Where the notebooks' kernels run: a Jupyter server's (remote execution) or the Cortex host's own (local execution).</summary>
internal interface IKernels
{
    /// <summary>For messages: where the kernels run ("the Jupyter server at …", "the Cortex host").</summary>
    string Where { get; }

    /// <summary>
    /// Starts a fresh kernel of the kernel spec <paramref name="name"/> and waits until it answers. Once this
    /// returns, disposing the kernel shuts it down; if it throws, nothing is left running.
    /// </summary>
    /// <exception cref="JupyterException">The kernel cannot be started.</exception>
    /// <exception cref="KernelException">The kernel died while starting.</exception>
    /// <exception cref="TimeoutException">The kernel did not answer in time.</exception>
    Task<IKernel> StartAsync(string name, CancellationToken cancellationToken);
}
