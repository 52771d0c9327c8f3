using Cortex.Responders;
using Cortex.Workers.Responders.Jupyter.Servers;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter.Storage;

/// <summary>Notebooks on a Jupyter server, through its contents API; paths are relative to the server's root folder.</summary>
internal sealed class ServerNotebookStore(JupyterServer server) : INotebookStore
{
    public Task<JObject> ReadAsync(string path, CancellationToken cancellationToken) => server.ReadNotebookAsync(path, cancellationToken);

    public Task PrepareFolderAsync(string folder, CancellationToken cancellationToken) => server.EnsureFolderAsync(folder, cancellationToken);

    public async Task<string> SaveAsync(string path, JObject notebook, CancellationToken cancellationToken)
    {
        await server.SaveNotebookAsync(path, notebook, cancellationToken);
        return path;
    }
}
