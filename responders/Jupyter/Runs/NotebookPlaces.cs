using Cortex.Responders;
using Cortex.Workers.Responders.Jupyter.Kernels;
using Cortex.Workers.Responders.Jupyter.Kernels.Local;
using Cortex.Workers.Responders.Jupyter.Servers;
using Cortex.Workers.Responders.Jupyter.Storage;
using Microsoft.Extensions.Logging;

namespace Cortex.Workers.Responders.Jupyter.Runs;

/// <summary>
/// Where the job reads notebooks, saves them and runs them. As in the original, notebooks run on the Jupyter
/// server's kernels only when they are read from a server and <c>input_handler_http_execute_remotely</c> is true;
/// otherwise (its default) they run on kernels of the Cortex host.
/// </summary>
internal sealed class NotebookPlaces
{
    private NotebookPlaces(INotebookStore input, INotebookStore output, IKernels kernels)
    {
        Input = input;
        Output = output;
        Kernels = kernels;
    }

    public INotebookStore Input { get; }

    public INotebookStore Output { get; }

    /// <summary>Where the notebooks' kernels run.</summary>
    public IKernels Kernels { get; }

    /// <summary>Opens both sides; a JupyterHub side gets its user's named server started first.</summary>
    public static async Task<NotebookPlaces> OpenAsync(JupyterSettings settings, HttpClient http, HttpClient hubHttp, ILogger logger, CancellationToken cancellationToken)
    {
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
                    throw new JupyterException($"any_handler_http_user is empty: with {side.Settings.IsJupyterHub} true, it names the JupyterHub user "
                        + $"whose server {JupyterHub.ServerName} runs the notebooks (or set {side.Settings.IsJupyterHub} to false for a plain Jupyter server)");
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
            settings.ExecuteRemotely && inputServer is not null ? new RemoteKernels(inputServer, logger) : new LocalKernels(logger));
    }

    private static INotebookStore StoreOf(JupyterServer? server, NotebookSide side)
    {
        if (server is not null)
        {
            return new ServerNotebookStore(server);
        }

        if (side.Hostname.Contains("://", StringComparison.Ordinal))
        {
            throw new JupyterException($"{side.Settings.Hostname} \"{side.Hostname}\": only Jupyter servers (http://, https://) and local folders are "
                + "supported, not papermill's other storages");
        }

        return new LocalNotebookStore(side.Hostname, side.Settings.Hostname);
    }
}
