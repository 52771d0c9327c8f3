using Cortex.Responders;
using Cortex.Workers.Responders.Jupyter.Kernels;
using Microsoft.Extensions.Logging;

namespace Cortex.Workers.Responders.Jupyter.Servers;

/// <summary>Kernels of a Jupyter server (remote execution): started through its REST API, spoken to over its websocket.</summary>
internal sealed class RemoteKernels(JupyterServer server, ILogger logger) : IKernels
{
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a kernel start already sent may go on after the job is stopped: long enough for the server to
    /// answer with the new kernel's id (so that it can be shut down), short enough for Cortex's stop.
    /// </summary>
    private static readonly TimeSpan StartGrace = TimeSpan.FromSeconds(1.5);

    public string Where => $"the Jupyter server at {server.BaseUrl}";

    public async Task<IKernel> StartAsync(string name, CancellationToken cancellationToken)
    {
        // The POST is not cancelled at once with the job: cancelled mid-way, the server would start a kernel whose
        // id never comes back, and nobody would shut it down.
        cancellationToken.ThrowIfCancellationRequested();
        logger.LogInformation("Starting a {Kernel} kernel on {Server}", name, server.BaseUrl);
        using var start = new CancellationTokenSource();
        string id;
        using (cancellationToken.Register(() => start.CancelAfter(StartGrace)))
        {
            id = await server.StartKernelAsync(name, start.Token);
        }

        var kernel = new RemoteKernel(server, id, logger);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            await kernel.ConnectAsync(ReadyLimit, cancellationToken);
            return kernel;
        }
        catch
        {
            await kernel.DisposeAsync();
            throw;
        }
    }
}
