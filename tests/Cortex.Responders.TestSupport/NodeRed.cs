using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.TestSupport;

/// <summary>
/// A real Node-RED (npm node-red, installed by `npm ci` in Peers/node-red) on a free loopback port for the life of
/// a test, with the flows of Peers/node-red/flows.json: an <c>http in</c> node standing for an n8n webhook
/// (<c>POST /webhook/:path</c>), one for Shuffle's execute API (<c>POST /api/v1/workflows/:id/execute</c>, which
/// checks the bearer key), and <c>GET /received</c>, where the flows show every request they received.
/// </summary>
public sealed class NodeRed : IDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    private readonly TemporaryDirectory folder;
    private readonly Process process;
    private readonly StringBuilder log = new();
    private bool disposed;

    private NodeRed(TemporaryDirectory folder, Process process, int port)
    {
        this.folder = folder;
        this.process = process;
        Address = new Uri($"http://127.0.0.1:{port}/");
    }

    public static string Folder => Path.Combine(Repository.Root, "tests", "Cortex.Responders.TestSupport", "Peers", "node-red");

    public Uri Address { get; }

    /// <summary>What Node-RED wrote so far.</summary>
    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <summary>Starts Node-RED; <paramref name="shuffleApiKey"/> is the key its Shuffle flow accepts.</summary>
    public static async Task<NodeRed> StartAsync(string shuffleApiKey = "")
    {
        var redJs = Path.Combine(Folder, "node_modules", "node-red", "red.js");
        if (!File.Exists(redJs))
        {
            throw new InvalidOperationException($"Node-RED is not installed: run `npm ci --prefix {Folder}` (.ci/run does)");
        }

        var folder = new TemporaryDirectory();
        var port = FreePort();
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder.Path };
        foreach (var argument in new[] { redJs, "--settings", Path.Combine(Folder, "settings.js") })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CORTEX_TEST_NODE_RED_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["CORTEX_TEST_NODE_RED_DIR"] = folder.Path;
        start.Environment["CORTEX_TEST_SHUFFLE_API_KEY"] = shuffleApiKey;
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var server = new NodeRed(folder, process, port);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                started.TrySetException(new InvalidOperationException($"Node-RED ended before its flows started: {server.Log}"));
                return;
            }

            lock (server.log)
            {
                server.log.AppendLine(e.Data);
            }

            if (e.Data.Contains("Started flows", StringComparison.Ordinal))
            {
                started.TrySetResult();
            }
        }

        process.OutputDataReceived += Read;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (server.log)
                {
                    server.log.AppendLine(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await started.Task.WaitAsync(StartLimit);
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return server;
    }

    /// <summary>A URL on the server.</summary>
    public string Url(string pathAndQuery) => new Uri(Address, pathAndQuery).ToString();

    /// <summary>What the flows received so far, as they show it (method, path, headers, body), from <c>GET /received</c>.</summary>
    public async Task<JArray> ReceivedAsync()
    {
        using var client = new HttpClient();
        return JArray.Parse(await client.GetStringAsync(new Uri(Address, "received")));
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        finally
        {
            process.Dispose();
            folder.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
