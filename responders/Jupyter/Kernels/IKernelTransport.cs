using Cortex.Responders;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter.Kernels;

/// <summary>
/// How messages of the Jupyter messaging protocol reach a kernel and come back: a Jupyter server's websocket
/// (remote execution) or the kernel's own ZeroMQ sockets (local execution). A message is the protocol's JSON
/// form: <c>header</c>, <c>parent_header</c>, <c>metadata</c>, <c>content</c>, and its <c>channel</c>.
/// </summary>
internal interface IKernelTransport : IAsyncDisposable
{
    /// <summary>
    /// Whether the kernel's iopub messages may be lost until the first one arrives (ZeroMQ's late subscriber):
    /// the session then waits for one before it runs the first cell, as jupyter_client does.
    /// </summary>
    bool IopubMayStartLate { get; }

    /// <summary>Sends <paramref name="message"/> on the channel it names (shell or control).</summary>
    Task SendAsync(JObject message, CancellationToken cancellationToken);

    /// <summary>The next message from the kernel, on any channel.</summary>
    /// <exception cref="KernelException">The kernel or its connection is gone.</exception>
    Task<JObject> ReceiveAsync(CancellationToken cancellationToken);
}
