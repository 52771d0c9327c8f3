using Cortex.Responders;
namespace Cortex.Workers.Responders.Jupyter.Runs;

/// <summary>The job's configuration, read and checked.</summary>
/// <param name="Input">Where the notebooks are read.</param>
/// <param name="Output">Where the executed notebooks are saved.</param>
/// <param name="InputPaths">The notebooks to run, in order (<c>input_paths</c>).</param>
/// <param name="OutputFolder">The folder under <paramref name="Output"/>, date codes replaced (<c>output_folder</c>).</param>
/// <param name="HubUser">The JupyterHub user whose named server runs the notebooks (<c>any_handler_http_user</c>).</param>
/// <param name="CellTimeout">How long one cell may run (<c>execution_timeout</c>).</param>
/// <param name="ExecuteRemotely">Run the notebooks read from a Jupyter server on its kernels, not the Cortex host's (<c>input_handler_http_execute_remotely</c>).</param>
internal sealed record JupyterSettings(
    NotebookSide Input,
    NotebookSide Output,
    IReadOnlyList<string> InputPaths,
    string OutputFolder,
    string? HubUser,
    TimeSpan CellTimeout,
    bool ExecuteRemotely)
{
    public static readonly TimeSpan DefaultCellTimeout = TimeSpan.FromSeconds(600);
}
