using Cortex.Responders.Jupyter.Servers;
using Cortex.Responders.Jupyter.Storage;

namespace Cortex.Responders.Jupyter.Jobs;

/// <summary>
/// Where the job reads notebooks, saves them and runs them. Notebooks always run on a Jupyter server's kernels:
/// the input server, else the output server (when the notebooks come from a local folder).
/// </summary>
internal sealed class NotebookPlaces
{
    private NotebookPlaces(INotebookStore input, INotebookStore output, JupyterServer kernels)
    {
        Input = input;
        Output = output;
        Kernels = kernels;
    }

    public INotebookStore Input { get; }

    public INotebookStore Output { get; }

    /// <summary>The server whose kernels run the notebooks.</summary>
    public JupyterServer Kernels { get; }

    /// <summary>Opens both sides; a JupyterHub side gets its user's named server started first.</summary>
    public static async Task<NotebookPlaces> OpenAsync(JupyterSettings settings, HttpClient http, HttpClient hubHttp, CancellationToken cancellationToken)
    {
        if (!settings.Input.IsServer && !settings.Output.IsServer)
        {
            throw new JupyterException("notebooks run on a Jupyter server, and neither input_hostname nor output_hostname is one: set input_hostname to the server's URL (http:// or https://)");
        }

        // Both sides often name the same Hub: start its server once.
        var started = new Dictionary<(string, string?), JupyterServer>();
        async Task<JupyterServer?> ServerOf(NotebookSide side)
        {
            if (!side.IsServer)
            {
                return null;
            }

            if (started.TryGetValue((side.Hostname, side.Token), out var known))
            {
                return known;
            }

            if (string.IsNullOrEmpty(side.Token))
            {
                throw new JupyterException($"{side.Settings.Token} is empty: the Jupyter server at {side.Hostname} ({side.Settings.Hostname}) needs its API token");
            }

            if (!Uri.TryCreate(side.Hostname, UriKind.Absolute, out var url) || url.Host.Length == 0)
            {
                throw new JupyterException($"{side.Settings.Hostname} \"{side.Hostname}\" is not a URL: write it as http(s)://host:port/");
            }

            if (side.IsJupyterHub)
            {
                if (string.IsNullOrEmpty(settings.HubUser))
                {
                    throw new JupyterException($"any_handler_http_user is empty: with {side.Settings.IsJupyterHub} true, it names the JupyterHub user whose server {JupyterHub.ServerName} runs the notebooks (or set {side.Settings.IsJupyterHub} to false for a plain Jupyter server)");
                }

                url = await new JupyterHub(hubHttp, url, side.Token, side.Settings).StartServerAsync(settings.HubUser, cancellationToken);
            }

            var server = new JupyterServer(http, url, side.Token, side.Settings);
            started[(side.Hostname, side.Token)] = server;
            return server;
        }

        var inputServer = await ServerOf(settings.Input);
        var outputServer = await ServerOf(settings.Output);
        return new NotebookPlaces(
            StoreOf(inputServer, settings.Input),
            StoreOf(outputServer, settings.Output),
            inputServer ?? outputServer!);
    }

    private static INotebookStore StoreOf(JupyterServer? server, NotebookSide side)
    {
        if (server is not null)
        {
            return new ServerNotebookStore(server);
        }

        if (side.Hostname.Contains("://", StringComparison.Ordinal))
        {
            throw new JupyterException($"{side.Settings.Hostname} \"{side.Hostname}\": only Jupyter servers (http://, https://) and local folders are supported, not papermill's other storages");
        }

        return new LocalNotebookStore(side.Hostname, side.Settings.Hostname);
    }
}
