using Cortex.Responders;
using Cortex.Workers.Responders.Jupyter.Kernels;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter.Servers;

/// <summary>
/// A Jupyter server's REST API (contents and kernels) and its kernel websockets, authenticated with
/// <c>Authorization: token …</c>. The token never goes into a URL, so it cannot end up in a message.
/// </summary>
internal sealed class JupyterServer(HttpClient http, Uri baseUrl, string token, ServerSettingNames settings)
{
    /// <summary>The server's base URL (ends with a slash), without any secret.</summary>
    public Uri BaseUrl { get; } = WithTrailingSlash(baseUrl);

    public ServerSettingNames Settings => settings;

    /// <summary>Reads the notebook at <paramref name="path"/> through the contents API.</summary>
    public async Task<JObject> ReadNotebookAsync(string path, CancellationToken cancellationToken)
    {
        var model = await SendAsync(HttpMethod.Get, Contents(path, "type=notebook&content=1"), null, $"reading the notebook {path}", cancellationToken, notFound: () =>
            $"notebook {path} not found on the Jupyter server at {BaseUrl} (input_paths are relative to the server's root folder)");
        if (model?["content"] is not JObject notebook)
        {
            throw new JupyterException($"the Jupyter server at {BaseUrl} sent no notebook content for {path}");
        }

        return notebook;
    }

    /// <summary>Saves <paramref name="notebook"/> at <paramref name="path"/> through the contents API (replacing any file there).</summary>
    public Task SaveNotebookAsync(string path, JObject notebook, CancellationToken cancellationToken) =>
        SendAsync(
            HttpMethod.Put,
            Contents(path, null),
            new JObject { ["type"] = "notebook", ["format"] = "json", ["content"] = notebook },
            $"saving the notebook {path}",
            cancellationToken,
            notFound: () => $"cannot save {path} on the Jupyter server at {BaseUrl}: its folder does not exist");

    /// <summary>Creates each missing folder of <paramref name="folder"/> (a/b/c), as the original does before saving.</summary>
    public async Task EnsureFolderAsync(string folder, CancellationToken cancellationToken)
    {
        var path = string.Empty;
        foreach (var segment in folder.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            path = path.Length == 0 ? segment : $"{path}/{segment}";
            var existing = await SendAsync(HttpMethod.Get, Contents(path, "content=0"), null, $"looking for the folder {path}", cancellationToken, notFound: () => null);
            if (existing is null)
            {
                await SendAsync(HttpMethod.Put, Contents(path, null), new JObject { ["type"] = "directory" }, $"creating the folder {path}", cancellationToken);
            }
            else if ((string?)existing["type"] != "directory")
            {
                throw new JupyterException($"output_folder: {path} is a file on the Jupyter server at {BaseUrl}, not a folder");
            }
        }
    }

    /// <summary>Starts a kernel of the kernelspec <paramref name="name"/> and returns its id.</summary>
    public async Task<string> StartKernelAsync(string name, CancellationToken cancellationToken)
    {
        var kernel = await SendAsync(HttpMethod.Post, new Uri(BaseUrl, "api/kernels"), new JObject { ["name"] = name }, $"starting a {name} kernel", cancellationToken);
        return (string?)kernel?["id"] ?? throw new JupyterException($"the Jupyter server at {BaseUrl} started a kernel but gave no id");
    }

    /// <summary>Shuts the kernel down; a kernel that is already gone is fine.</summary>
    public Task ShutdownKernelAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, new Uri(BaseUrl, "api/kernels/" + Uri.EscapeDataString(id)), null, "shutting the kernel down", cancellationToken, notFound: () => null);

    /// <summary>Opens the kernel's websocket, through the same proxies and certificate checks as the REST calls.</summary>
    public async Task<KernelSession> ConnectAsync(string kernelId, CancellationToken cancellationToken)
    {
        var builder = new UriBuilder(new Uri(BaseUrl, "api/kernels/" + Uri.EscapeDataString(kernelId) + "/channels"));
        builder.Scheme = builder.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        var session = Guid.NewGuid().ToString("N");
        try
        {
            return new KernelSession(await WebSocketTransport.ConnectAsync(builder.Uri, token, session, http, cancellationToken), session);
        }
        catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or HttpRequestException)
        {
            throw new JupyterException($"cannot open the kernel's websocket on the Jupyter server at {BaseUrl}: {ServerFailure.Reason(e)} (a proxy in "
                + "front of the server must pass websockets)", e);
        }
    }

    private static Uri WithTrailingSlash(Uri url) => url.AbsolutePath.EndsWith('/') ? url : new UriBuilder(url) { Path = url.AbsolutePath + "/" }.Uri;

    private Uri Contents(string path, string? query)
    {
        var escaped = string.Join('/', path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.EscapeDataString));
        var builder = new UriBuilder(new Uri(BaseUrl, "api/contents/" + escaped));
        if (query is not null)
        {
            builder.Query = query;
        }

        return builder.Uri;
    }

    private Task<JObject?> SendAsync(HttpMethod method, Uri url, JObject? body, string what, CancellationToken cancellationToken, Func<string?>? notFound = null) =>
        JupyterRequest.SendAsync(http, method, url, token, body, BaseUrl, settings, what, $"is {settings.Hostname} the URL of a Jupyter server?", cancellationToken, notFound);
}
