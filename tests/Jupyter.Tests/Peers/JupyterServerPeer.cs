using Cortex.Responders;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using Cortex.Responders.TestSupport;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter.Tests.Peers;

/// <summary>
/// A real Jupyter server (Debian's jupyter-server, with python3-ipykernel's python3 kernel) on a free loopback
/// port with a fresh token, serving a temporary folder, for the life of a fixture. Stopped with SIGTERM, so it
/// shuts its kernels down too.
/// </summary>
public sealed class JupyterServerPeer : IAsyncDisposable
{
    private const string Executable = "/usr/bin/jupyter-server";

    private readonly TemporaryDirectory home;
    private JupyterProcess? process;

    private JupyterServerPeer(TemporaryDirectory home, int port, string token)
    {
        this.home = home;
        Port = port;
        Token = token;
        Http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", token);
    }

    public int Port { get; }

    public string Token { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    /// <summary>The folder the server serves (its contents API root).</summary>
    public string RootDirectory => Path.Combine(home.Path, "root");

    /// <summary>A client of the server's REST API, with the token.</summary>
    public HttpClient Http { get; }

    /// <summary>Starts a server; <paramref name="extraArguments"/> are jupyter-server options.</summary>
    public static async Task<JupyterServerPeer> StartAsync(params string[] extraArguments)
    {
        var home = new TemporaryDirectory();
        Directory.CreateDirectory(Path.Combine(home.Path, "root"));
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var port = FreePort();
        var start = new ProcessStartInfo(Executable);
        foreach (var argument in new[]
        {
            "--allow-root", "--no-browser", "--ip=127.0.0.1", $"--port={port}", "--port-retries=0",
            $"--ServerApp.token={token}", $"--ServerApp.root_dir={Path.Combine(home.Path, "root")}",
        }.Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        var peer = new JupyterServerPeer(home, port, token)
        {
            process = JupyterProcess.Start(start, home, "the Jupyter server", ".ci/run installs jupyter-server and python3-ipykernel", ("HOME", "home")),
        };
        await peer.process.WaitUntilReadyAsync(peer.Http, "api/status", port);
        return peer;
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>Writes a notebook under the served folder.</summary>
    public void WriteNotebook(string path, JObject notebook)
    {
        var file = Path.Combine(RootDirectory, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, notebook.ToString(Formatting.Indented));
    }

    /// <summary>Reads a notebook of the served folder from disk (what the server saved).</summary>
    public JObject ReadNotebook(string path) => NotebookFile.Read(Path.Combine(RootDirectory, path));

    /// <summary>The kernels the server is running (GET /api/kernels).</summary>
    public async Task<JArray> KernelsAsync() => JArray.Parse(await Http.GetStringAsync("api/kernels"));

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            await process.StopAsync(TimeSpan.FromSeconds(15));
        }

        Http.Dispose();
        home.Dispose();
    }
}
