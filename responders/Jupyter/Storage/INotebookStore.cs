using Cortex.Responders;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter.Storage;

/// <summary>Where notebooks are read from or saved to: a Jupyter server's contents API, or a local folder.</summary>
internal interface INotebookStore
{
    /// <summary>Reads the notebook at <paramref name="path"/> (relative to the store).</summary>
    Task<JObject> ReadAsync(string path, CancellationToken cancellationToken);

    /// <summary>Creates <paramref name="folder"/> (relative to the store) when it is missing.</summary>
    Task PrepareFolderAsync(string folder, CancellationToken cancellationToken);

    /// <summary>Saves <paramref name="notebook"/> at <paramref name="path"/> and returns where it is, for the report.</summary>
    Task<string> SaveAsync(string path, JObject notebook, CancellationToken cancellationToken);
}
