using Cortex.Responders;
using Microsoft.Extensions.Logging;

namespace Cortex.Workers.Responders.Jupyter.Kernels.Local;

/// <summary>Kernels of the Cortex host (local execution, the original's default): started from their kernel specs, spoken to over ZeroMQ.</summary>
internal sealed class LocalKernels(ILogger logger) : IKernels
{
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(60);

    public string Where => "the Cortex host";

    public async Task<IKernel> StartAsync(string name, CancellationToken cancellationToken) =>
        await LocalKernel.StartAsync(KernelSpec.Find(name), ReadyLimit, logger, cancellationToken);
}
