using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cortex.Responders.TestSupport.Network;

/// <summary>
/// An HTTP CONNECT proxy on a free loopback port, as a corporate network has one: it answers every CONNECT
/// (whatever host it names) by tunnelling to one local upstream, the HTTPS server standing for the Internet, and
/// records the targets it was asked for. It can also hold tunnels open without passing anything (a network that
/// swallows the traffic) or refuse them with a status. It never connects anywhere but the upstream.
/// </summary>
public sealed class ConnectProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint upstream;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private readonly List<string> targets = [];
    private readonly List<TcpClient> clients = [];
    private readonly Task accepting;

    private ConnectProxy(IPEndPoint upstream)
    {
        this.upstream = upstream;
        listener.Start();
        accepting = AcceptAsync();
    }

    /// <summary>The proxy's URL for a job's <c>config.proxy.https</c> (<c>http://127.0.0.1:port</c>).</summary>
    public string Url => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

    /// <summary>What the proxy does with the next tunnels (default <see cref="ConnectProxyBehaviour.Forward"/>).</summary>
    public ConnectProxyBehaviour Mode { get; set; } = ConnectProxyBehaviour.Forward;

    /// <summary>The <c>host:port</c> targets whose tunnels are swallowed whatever <see cref="Mode"/> says (a firewall that drops one service).</summary>
    public ISet<string> SwallowedTargets { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The status line of a refusal (<see cref="ConnectProxyBehaviour.Refuse"/>).</summary>
    public string RefusalStatus { get; set; } = "403 Forbidden";

    /// <summary>The <c>host:port</c> of every CONNECT received, in order.</summary>
    public IReadOnlyList<string> Targets
    {
        get
        {
            lock (gate)
            {
                return targets.ToArray();
            }
        }
    }

    /// <summary>Starts a proxy that tunnels to <paramref name="upstreamPort"/> on 127.0.0.1.</summary>
    public static ConnectProxy Start(int upstreamPort) => new(new IPEndPoint(IPAddress.Loopback, upstreamPort));

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        lock (gate)
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }

        try
        {
            await accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stopping.Token);
            lock (gate)
            {
                clients.Add(client);
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        var token = stopping.Token;
        try
        {
            var stream = client.GetStream();
            var head = await ReadHeadAsync(stream, token);
            var requestLine = head.Split("\r\n", 2)[0].Split(' ');
            if (requestLine is not ["CONNECT", var target, _])
            {
                await WriteAsync(stream, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", token);
                return;
            }

            ConnectProxyBehaviour mode;
            lock (gate)
            {
                targets.Add(target);
                mode = SwallowedTargets.Contains(target) ? ConnectProxyBehaviour.Swallow : Mode;
            }

            switch (mode)
            {
                case ConnectProxyBehaviour.Refuse:
                    await WriteAsync(stream, $"HTTP/1.1 {RefusalStatus}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", token);
                    return;
                case ConnectProxyBehaviour.Swallow:
                    await WriteAsync(stream, "HTTP/1.1 200 Connection established\r\n\r\n", token);
                    var sink = new byte[4096];
                    while (await stream.ReadAsync(sink, token) > 0)
                    {
                    }

                    return;
            }

            using var server = new TcpClient();
            await server.ConnectAsync(upstream, token);
            await WriteAsync(stream, "HTTP/1.1 200 Connection established\r\n\r\n", token);
            var serverStream = server.GetStream();
            var up = PipeAsync(stream, serverStream, token);
            var down = PipeAsync(serverStream, stream, token);
            await Task.WhenAny(up, down);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client or the proxy went away: the tunnel ends.
        }
        finally
        {
            client.Dispose();
        }
    }

    private static async Task PipeAsync(Stream from, Stream to, CancellationToken token)
    {
        var buffer = new byte[16384];
        int read;
        while ((read = await from.ReadAsync(buffer, token)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, read), token);
        }

        to.Close();
    }

    /// <summary>The request line and headers, up to the blank line (bytes after it would be TLS, which a client sends only after the 200).</summary>
    private static async Task<string> ReadHeadAsync(Stream stream, CancellationToken token)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 16384)
        {
            if (await stream.ReadAsync(one, token) == 0)
            {
                break;
            }

            head.Add(one[0]);
            if (head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n')
            {
                break;
            }
        }

        return Encoding.ASCII.GetString(head.ToArray());
    }

    private static Task WriteAsync(Stream stream, string text, CancellationToken token) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes(text), token).AsTask();
}
