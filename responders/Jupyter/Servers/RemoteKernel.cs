using Cortex.Responders;
using Cortex.Workers.Responders.Jupyter.Kernels;
using Microsoft.Extensions.Logging;

namespace Cortex.Workers.Responders.Jupyter.Servers;

/// <summary>One kernel started on a Jupyter server, shut down through the REST API when disposed.</summary>
internal sealed class RemoteKernel(JupyterServer server, string id, ILogger logger) : IKernel
{
    private static readonly TimeSpan ShutdownLimit = TimeSpan.FromSeconds(2);

    private KernelSession? session;

    public KernelSession Session => session ?? throw new InvalidOperationException("the kernel is not connected");

    /// <summary>Opens the kernel's websocket and waits until the kernel answers.</summary>
    public async Task ConnectAsync(TimeSpan readyLimit, CancellationToken cancellationToken)
    {
        session = await server.ConnectAsync(id, cancellationToken);
        await session.WaitReadyAsync(readyLimit, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (session is not null)
        {
            await session.DisposeAsync();
        }

        // Always, even when the job is being stopped: a kernel left running holds the server's memory. A kernel
        // that died and is being restarted by the server is still there under its id, and is shut down the same way.
        using var limit = new CancellationTokenSource(ShutdownLimit);
        try
        {
            await server.ShutdownKernelAsync(id, limit.Token);
        }
        catch (Exception e) when (e is JupyterException or OperationCanceledException)
        {
            logger.LogWarning("The kernel {Kernel} could not be shut down: {Reason}", id, e.Message);
        }
    }
}
