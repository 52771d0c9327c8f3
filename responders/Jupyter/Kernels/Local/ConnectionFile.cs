using Cortex.Responders;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter.Kernels.Local;

/// <summary>
/// The connection file a local kernel reads (<c>-f {connection_file}</c>), as jupyter_client writes it: five
/// loopback TCP ports, a random HMAC-SHA256 key, in the Jupyter runtime folder, readable by its owner only.
/// Removed when disposed.
/// </summary>
internal sealed class ConnectionFile : IDisposable
{
    private ConnectionFile(string path, string key, int shell, int iopub, int stdin, int control, int heartbeat)
    {
        Path = path;
        Key = key;
        ShellPort = shell;
        IopubPort = iopub;
        StdinPort = stdin;
        ControlPort = control;
        HeartbeatPort = heartbeat;
    }

    public const string Ip = "127.0.0.1";

    public string Path { get; }

    /// <summary>The key that signs every message (hex text; its UTF-8 bytes are the HMAC key, as for jupyter_client).</summary>
    public string Key { get; }

    public int ShellPort { get; }

    public int IopubPort { get; }

    public int StdinPort { get; }

    public int ControlPort { get; }

    public int HeartbeatPort { get; }

    /// <summary>
    /// The runtime folder: <c>$JUPYTER_RUNTIME_DIR</c>, else <c>$XDG_RUNTIME_DIR/jupyter</c>, else
    /// <c>~/.local/share/jupyter/runtime</c>, as jupyter_core has it.
    /// </summary>
    public static string RuntimeDirectory()
    {
        if (Environment.GetEnvironmentVariable("JUPYTER_RUNTIME_DIR") is { Length: > 0 } runtime)
        {
            return runtime;
        }

        if (Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } xdg)
        {
            return System.IO.Path.Combine(xdg, "jupyter");
        }

        var home = Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return System.IO.Path.Combine(home, ".local", "share", "jupyter", "runtime");
    }

    /// <summary>Writes a new connection file for a kernel of <paramref name="kernelName"/>.</summary>
    /// <exception cref="JupyterException">The runtime folder cannot be created or written.</exception>
    public static ConnectionFile Create(string kernelName)
    {
        var folder = RuntimeDirectory();
        var ports = FreePorts(5);
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        var path = System.IO.Path.Combine(folder, $"kernel-cortex-{Guid.NewGuid():N}.json");
        var json = new JObject
        {
            ["shell_port"] = ports[0],
            ["iopub_port"] = ports[1],
            ["stdin_port"] = ports[2],
            ["control_port"] = ports[3],
            ["hb_port"] = ports[4],
            ["ip"] = Ip,
            ["key"] = key,
            ["transport"] = "tcp",
            ["signature_scheme"] = "hmac-sha256",
            ["kernel_name"] = kernelName,
        };
        try
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            };
            using var writer = new StreamWriter(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options);
            writer.Write(json.ToString(Formatting.Indented));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new JupyterException($"cannot write the kernel's connection file in {folder}: {OneLine.Of(e.Message)}; give the user Cortex runs as "
                + "a home folder it owns, or set JUPYTER_RUNTIME_DIR to a folder it can write");
        }

        return new ConnectionFile(path, key, ports[0], ports[1], ports[2], ports[3], ports[4]);
    }

    public static string Endpoint(int port) => $"tcp://{Ip}:{port}";

    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Its folder went away, or it cannot be removed: nothing else to do (the kernel is gone already).
        }
    }

    /// <summary>Ports nothing listens on, all held at once so that they differ (jupyter_client picks them the same way).</summary>
    private static int[] FreePorts(int count)
    {
        var sockets = new List<Socket>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sockets.Add(socket);
                socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            }

            return sockets.Select(s => ((IPEndPoint)s.LocalEndPoint!).Port).ToArray();
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }
}
