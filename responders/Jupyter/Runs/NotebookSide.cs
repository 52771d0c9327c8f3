using Cortex.Responders;
using Cortex.Workers.Responders.Jupyter.Servers;

namespace Cortex.Workers.Responders.Jupyter.Runs;

/// <summary>One side of the job (where notebooks are read, or where they are saved), as configured.</summary>
/// <param name="Hostname">A Jupyter server or JupyterHub URL, or a local folder.</param>
/// <param name="Token">The API token (servers only).</param>
/// <param name="IsJupyterHub">Whether <paramref name="Hostname"/> is a JupyterHub.</param>
/// <param name="Settings">The configuration items of this side, for messages.</param>
internal sealed record NotebookSide(string Hostname, string? Token, bool IsJupyterHub, ServerSettingNames Settings)
{
    public bool IsServer => Hostname.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || Hostname.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
