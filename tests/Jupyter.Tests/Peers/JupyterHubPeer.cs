using Cortex.Responders;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Cortex.Responders.TestSupport;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter.Tests.Peers;

/// <summary>
/// A real JupyterHub (Debian's jupyterhub, its configurable-http-proxy and single-user server) on free loopback
/// ports: DummyAuthenticator, SimpleLocalProcessSpawner (the single-user servers run as this user, in
/// home/&lt;user&gt;), named servers allowed, and a service "cortex" with the scopes the original's README asks
/// for (servers, access:servers). Stopped with SIGTERM, which stops the servers it spawned.
/// </summary>
public sealed class JupyterHubPeer : IAsyncDisposable
{
    public const string User = "analyst";

    private const string Executable = "/usr/bin/jupyterhub";

    private readonly TemporaryDirectory home;
    private JupyterProcess? process;

    private JupyterHubPeer(TemporaryDirectory home, int port, string token)
    {
        this.home = home;
        Url = new Uri($"http://127.0.0.1:{port}/");
        ServiceToken = token;
        Http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", token);
    }

    public Uri Url { get; }

    /// <summary>The API token of the service "cortex".</summary>
    public string ServiceToken { get; }

    /// <summary>A client of the Hub's API with the service token.</summary>
    public HttpClient Http { get; }

    /// <summary>The folder the user's single-user servers serve.</summary>
    public string UserDirectory => Path.Combine(home.Path, "home", User);

    public static async Task<JupyterHubPeer> StartAsync()
    {
        var home = new TemporaryDirectory();
        Directory.CreateDirectory(Path.Combine(home.Path, "home", User));
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var (port, hubPort, proxyApiPort) = (JupyterServerPeer.FreePort(), JupyterServerPeer.FreePort(), JupyterServerPeer.FreePort());
        var config = Path.Combine(home.Path, "jupyterhub_config.py");
        File.WriteAllText(config, string.Join('\n', new[]
        {
            "c.JupyterHub.ip = '127.0.0.1'",
            $"c.JupyterHub.port = {port}",
            "c.JupyterHub.hub_ip = '127.0.0.1'",
            $"c.JupyterHub.hub_port = {hubPort}",
            $"c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:{proxyApiPort}'",
            $"c.ConfigurableHTTPProxy.pid_file = {Py(Path.Combine(home.Path, "proxy.pid"))}",
            $"c.JupyterHub.db_url = {Py("sqlite:///" + Path.Combine(home.Path, "jupyterhub.sqlite"))}",
            $"c.JupyterHub.cookie_secret_file = {Py(Path.Combine(home.Path, "cookie_secret"))}",
            "c.JupyterHub.authenticator_class = 'jupyterhub.auth.DummyAuthenticator'",
            $"c.Authenticator.allowed_users = {{{Py(User)}}}",
            "c.JupyterHub.spawner_class = 'jupyterhub.spawner.SimpleLocalProcessSpawner'",
            $"c.SimpleLocalProcessSpawner.home_dir_template = {Py(Path.Combine(home.Path, "home", "{username}"))}",
            "c.Spawner.ip = '127.0.0.1'",
            "c.Spawner.args = ['--allow-root']",
            "c.JupyterHub.allow_named_servers = True",
            "c.JupyterHub.load_roles = [{'name': 'cortex-servers', 'scopes': ['servers', 'access:servers'], 'services': ['cortex']}]",
            $"c.JupyterHub.services = [{{'name': 'cortex', 'api_token': {Py(token)}}}]",
            string.Empty,
        }));

        var start = new ProcessStartInfo(Executable);
        start.ArgumentList.Add("-f");
        start.ArgumentList.Add(config);

        // Debian's configurable-http-proxy finds its node modules there, whichever node is first on PATH.
        start.Environment["NODE_PATH"] = "/usr/share/nodejs";
        var peer = new JupyterHubPeer(home, port, token)
        {
            process = JupyterProcess.Start(start, home, "JupyterHub", ".ci/run installs jupyterhub"),
        };
        await peer.process.WaitUntilReadyAsync(peer.Http, $"hub/api/users/{User}", port);
        return peer;
    }

    /// <summary>The user's servers, as the Hub's API lists them (name → model).</summary>
    public async Task<JObject> ServersAsync()
    {
        using var reader = new JsonTextReader(new StringReader(await Http.GetStringAsync($"hub/api/users/{User}"))) { DateParseHandling = DateParseHandling.None };
        return (JObject?)JToken.ReadFrom(reader)["servers"] ?? [];
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            // SIGTERM: the Hub stops the servers it spawned and its proxy before it ends.
            await process.StopAsync(TimeSpan.FromSeconds(20));
        }

        Http.Dispose();
        home.Dispose();
    }

    private static string Py(string text) => JsonConvert.ToString(text);
}
