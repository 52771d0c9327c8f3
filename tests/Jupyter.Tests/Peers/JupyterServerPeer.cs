using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using Cortex.Responders.TestSupport;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Jupyter.Tests.Peers;

/// <summary>
/// A real Jupyter server (Debian's jupyter-server, with python3-ipykernel's python3 kernel) on a free loopback
/// port with a fresh token, serving a temporary folder, for the life of a fixture. Stopped with SIGTERM, so it
/// shuts its kernels down too.
/// </summary>
public sealed class JupyterServerPeer : IAsyncDisposable
{
    private const string Executable = "/usr/bin/jupyter-server";

    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly Task<string> errors;
    private readonly TemporaryDirectory home;

    private JupyterServerPeer(Process process, Task<string> errors, TemporaryDirectory home, int port, string token)
    {
        this.process = process;
        this.errors = errors;
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
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = home.Path,
        };
        foreach (var argument in new[]
        {
            "--allow-root", "--no-browser", "--ip=127.0.0.1", $"--port={port}", "--port-retries=0",
            $"--ServerApp.token={token}", $"--ServerApp.root_dir={Path.Combine(home.Path, "root")}",
        }.Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        // Nothing from the machine's or the user's Jupyter settings: a server of its own.
        foreach (var (variable, folder) in new[] { ("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython"), ("HOME", "home") })
        {
            start.Environment[variable] = Directory.CreateDirectory(Path.Combine(home.Path, folder)).FullName;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {Executable}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            home.Dispose();
            throw new InvalidOperationException($"cannot start {Executable}: {e.Message} (.ci/run installs jupyter-server and python3-ipykernel)", e);
        }

        _ = process.StandardOutput.ReadToEndAsync();
        var peer = new JupyterServerPeer(process, process.StandardError.ReadToEndAsync(), home, port, token);
        var deadline = DateTime.UtcNow + StartLimit;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await peer.Http.GetAsync("api/status");
                if (response.IsSuccessStatusCode)
                {
                    return peer;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        var log = await peer.StopAsync();
        throw new InvalidOperationException($"the Jupyter server did not start within {StartLimit.TotalSeconds} s on port {port}: {log}");
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
        await StopAsync();
        Http.Dispose();
        home.Dispose();
    }

    private async Task<string> StopAsync()
    {
        if (!process.HasExited)
        {
            // SIGTERM: the server shuts its kernels down before it ends.
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        // A kernel that outlived the server would hold the pipe open: read what came, within a bound.
        var log = await Task.WhenAny(errors, Task.Delay(TimeSpan.FromSeconds(5))) == errors ? await errors : "(standard error still open)";
        process.Dispose();
        return log;
    }
}
