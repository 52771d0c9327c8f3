using Cortex.Responders;
using System.Net.WebSockets;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter.Kernels;

/// <summary>
/// A kernel's channels through the Jupyter server's websocket (<c>/api/kernels/{id}/channels</c>): every channel
/// on one socket, each message a JSON text frame tagged with its <c>channel</c>.
/// </summary>
internal sealed class WebSocketTransport : IKernelTransport
{
    /// <summary>The largest message read from the kernel; a bigger one (a runaway output) fails the cell.</summary>
    public const int MaxMessageBytes = 64 * 1024 * 1024;

    private static readonly TimeSpan CloseLimit = TimeSpan.FromSeconds(2);

    private readonly ClientWebSocket socket;
    private readonly byte[] buffer = new byte[64 * 1024];

    private WebSocketTransport(ClientWebSocket socket) => this.socket = socket;

    public bool IopubMayStartLate => false;

    /// <summary>
    /// Connects to <paramref name="channels"/> (a ws:// or wss:// URL) through <paramref name="invoker"/>, so the
    /// job's proxies and CA certificates apply as for the REST calls.
    /// </summary>
    public static async Task<WebSocketTransport> ConnectAsync(Uri channels, string token, string session, HttpMessageInvoker invoker, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "token " + token);
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        try
        {
            var uri = new UriBuilder(channels) { Query = "session_id=" + session }.Uri;
            await socket.ConnectAsync(uri, invoker, cancellationToken);
            return new WebSocketTransport(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async Task SendAsync(JObject message, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(message.ToString(Formatting.None));
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        catch (Exception e) when (e is WebSocketException or IOException)
        {
            throw new KernelException($"the connection to the kernel through the Jupyter server broke ({Reason(e)}); check that a proxy in front of the server passes websockets");
        }
    }

    public async Task<JObject> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                try
                {
                    result = await socket.ReceiveAsync(buffer, cancellationToken);
                }
                catch (Exception e) when (e is WebSocketException or IOException)
                {
                    throw new KernelException($"the Jupyter server sent a malformed websocket frame or broke the kernel connection ({Reason(e)}); "
                        + "check that a proxy in front of the server passes websockets unchanged, and run the job again");
                }

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    throw new KernelException($"the Jupyter server closed the kernel connection ({result.CloseStatus} {result.CloseStatusDescription}".TrimEnd() + ")");
                }

                if (message.Length + result.Count > MaxMessageBytes)
                {
                    throw new KernelException($"the kernel sent a message over {MaxMessageBytes / 1024 / 1024} MiB (a runaway output?)");
                }

                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            // Binary frames carry buffers of widget messages, which a notebook run does not use.
            if (result.MessageType != WebSocketMessageType.Text)
            {
                continue;
            }

            try
            {
                using var reader = new JsonTextReader(new StreamReader(new MemoryStream(message.GetBuffer(), 0, (int)message.Length), Encoding.UTF8))
                {
                    DateParseHandling = DateParseHandling.None,
                };
                if (JToken.ReadFrom(reader) is JObject json)
                {
                    return json;
                }
            }
            catch (JsonReaderException)
            {
                throw new KernelException("the Jupyter server sent a kernel message that is not JSON; check that input_hostname names a Jupyter "
                    + "server and that no proxy rewrites its websockets");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            using var limit = new CancellationTokenSource(CloseLimit);
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, limit.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
            {
                // Closing politely is a courtesy: the kernel is shut down through the REST API anyway.
            }
        }

        socket.Dispose();
    }

    private static string Reason(Exception e) => OneLine.Of(e.InnerException?.Message ?? e.Message);
}
