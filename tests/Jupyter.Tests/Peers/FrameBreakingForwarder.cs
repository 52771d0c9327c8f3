using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cortex.Workers.Responders.Jupyter.Tests.Peers;

/// <summary>
/// A loopback TCP forwarder in front of a real Jupyter server that passes HTTP through unchanged and, once a
/// connection is upgraded to a websocket (HTTP 101), sends the client a malformed frame (a reserved opcode) instead
/// of the server's frames: what a broken proxy or a hostile server does.
/// </summary>
public sealed class FrameBreakingForwarder : IAsyncDisposable
{
    /// <summary>FIN with the reserved opcode 0xF, no payload: no websocket endpoint may accept it.</summary>
    private static readonly byte[] MalformedFrame = [0x8F, 0x00];

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly int target;
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;

    public FrameBreakingForwarder(int targetPort)
    {
        target = targetPort;
        listener.Start();
        accepting = AcceptAsync();
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, target, stop.Token);
                var up = client.GetStream().CopyToAsync(server.GetStream(), stop.Token);
                var down = DownAsync(server.GetStream(), client.GetStream());
                await Task.WhenAny(up, down);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client or the server closed: the forwarder has nothing to add.
            }
        }
    }

    private async Task DownAsync(NetworkStream from, NetworkStream to)
    {
        var seen = new StringBuilder();
        var buffer = new byte[65536];
        int read;
        while ((read = await from.ReadAsync(buffer, stop.Token)) > 0)
        {
            seen.Append(Encoding.Latin1.GetString(buffer, 0, read));
            var upgrade = seen.ToString().IndexOf("HTTP/1.1 101", StringComparison.Ordinal);
            var end = upgrade < 0 ? -1 : seen.ToString().IndexOf("\r\n\r\n", upgrade, StringComparison.Ordinal);
            if (end < 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, read), stop.Token);
                if (upgrade < 0 && seen.Length > 16)
                {
                    seen.Remove(0, seen.Length - 16);
                }

                continue;
            }

            // Forward up to the end of the 101 answer's headers, then the malformed frame, then nothing of the server.
            var headerBytes = end + 4 - (seen.Length - read);
            await to.WriteAsync(buffer.AsMemory(0, headerBytes), stop.Token);
            await to.WriteAsync(MalformedFrame, stop.Token);
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
    }
}
