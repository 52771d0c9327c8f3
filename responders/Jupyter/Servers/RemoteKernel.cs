using Cortex.Responders;
using Cortex.Workers.Responders.Jupyter.Kernels;
using Microsoft.Extensions.Logging;

namespace Cortex.Workers.Responders.Jupyter.Servers;

/// <summary>One kernel started on a Jupyter server, shut down through the REST API when disposed.</summary>
internal sealed class RemoteKernel(JupyterServer server, string id, ILogger logger) : IKernel
{
    private static readonly TimeSpan ShutdownLimit = TimeSpan.FromSeconds(2);

    /// <summary>How long the shutdown is asked again while the server refuses it (a kernel it is restarting).</summary>
    private static readonly TimeSpan ShutdownWindow = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(250);

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

        // Always, even when the job is being stopped: a kernel left running holds the server's memory. A kernel that
        // died is being restarted by the server under the same id, and the server refuses to shut it down mid-restart
        // (HTTP 500), so the shutdown is asked again until the restart is over, within ShutdownWindow.
        var window = System.Diagnostics.Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            using var limit = new CancellationTokenSource(ShutdownLimit);
            try
            {
                await server.ShutdownKernelAsync(id, limit.Token);
                return;
            }
            catch (Exception e) when (e is JupyterException or OperationCanceledException)
            {
                if (window.Elapsed + RetryPause >= ShutdownWindow)
                {
                    logger.LogWarning("The kernel {Kernel} could not be shut down ({Attempts} attempts): {Reason}", id, attempt, e.Message);
                    return;
                }
            }

            await Task.Delay(RetryPause, CancellationToken.None);
        }
    }
}
