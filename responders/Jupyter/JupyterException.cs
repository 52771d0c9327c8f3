using Cortex.Responders;
namespace Cortex.Workers.Responders.Jupyter;

/// <summary>A failure of this responder that ends the job; its message is the one line Cortex shows, saying what to fix.</summary>
internal sealed class JupyterException(string message, Exception? inner = null) : Exception(message, inner);
