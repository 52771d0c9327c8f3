using Cortex.Responders;
namespace Cortex.Workers.Responders.Jupyter.Kernels;

/// <summary>The kernel or its connection failed (it died, the server closed the socket, a message was too big).</summary>
internal sealed class KernelException(string message) : Exception(message);
