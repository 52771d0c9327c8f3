using System.Net.WebSockets;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Jupyter.Kernels;

/// <summary>
/// One connection to a running kernel through the Jupyter server's websocket
/// (<c>/api/kernels/{id}/channels</c>), speaking the Jupyter messaging protocol in its JSON form: every
/// channel on one socket, each message tagged with its <c>channel</c>.
/// </summary>
internal sealed class KernelSession : IAsyncDisposable
{
    /// <summary>The largest message read from the kernel; a bigger one (a runaway output) fails the cell.</summary>
    private const int MaxMessageBytes = 64 * 1024 * 1024;

    private static readonly TimeSpan CloseLimit = TimeSpan.FromSeconds(2);

    private readonly ClientWebSocket socket;
    private readonly string session = Guid.NewGuid().ToString("N");
    private readonly byte[] buffer = new byte[64 * 1024];

    private KernelSession(ClientWebSocket socket) => this.socket = socket;

    /// <summary>
    /// Connects to <paramref name="channels"/> (a ws:// or wss:// URL) through <paramref name="invoker"/>, so the
    /// job's proxies and CA certificates apply as for the REST calls.
    /// </summary>
    public static async Task<KernelSession> ConnectAsync(Uri channels, string token, HttpMessageInvoker invoker, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "token " + token);
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        try
        {
            var session = new KernelSession(socket);
            var uri = new UriBuilder(channels) { Query = "session_id=" + session.session }.Uri;
            await socket.ConnectAsync(uri, invoker, cancellationToken);
            return session;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Waits until the kernel answers a kernel_info_request (as nbclient does before the first cell): the
    /// kernel is then started and its outputs reach the socket.
    /// </summary>
    /// <exception cref="TimeoutException">No answer within <paramref name="limit"/>.</exception>
    public async Task WaitReadyAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        // Cancelling a websocket receive aborts the socket, so this waits once, for the whole limit.
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(limit);
        try
        {
            var id = await SendAsync("kernel_info_request", new JObject(), bounded.Token);
            while (true)
            {
                var message = await ReceiveAsync(bounded.Token);
                if ((string?)message["msg_type"] == "kernel_info_reply" && ParentId(message) == id)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the kernel did not answer within {limit.TotalSeconds:0} s");
        }
    }

    /// <summary>
    /// Runs <paramref name="code"/> and gathers what the kernel sends back for it until it is idle and has
    /// replied. Gives up after <paramref name="limit"/> (the result then says it timed out).
    /// </summary>
    public async Task<CellRun> ExecuteAsync(string code, TimeSpan limit, CancellationToken cancellationToken)
    {
        var outputs = new CellOutputs();
        int? executionCount = null;
        JObject? reply = null;
        var idle = false;

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(limit);
        try
        {
            var id = await SendAsync(
                "execute_request",
                new JObject
                {
                    ["code"] = code,
                    ["silent"] = false,
                    ["store_history"] = true,
                    ["user_expressions"] = new JObject(),
                    ["allow_stdin"] = false,
                    ["stop_on_error"] = true,
                },
                bounded.Token);
            while (reply is null || !idle)
            {
                var message = await ReceiveAsync(bounded.Token);
                var type = (string?)message["msg_type"] ?? (string?)message["header"]?["msg_type"];
                var content = message["content"] as JObject ?? [];
                if (type == "status" && (string?)content["execution_state"] is "dead" or "restarting")
                {
                    throw new KernelException($"the kernel died ({content["execution_state"]}) while running the cell");
                }

                if (ParentId(message) != id)
                {
                    continue;
                }

                switch (type)
                {
                    case "status":
                        idle |= (string?)content["execution_state"] == "idle";
                        break;
                    case "execute_input":
                        executionCount ??= (int?)content["execution_count"];
                        break;
                    case "execute_reply":
                        reply = content;
                        if (content["execution_count"]?.Type == JTokenType.Integer)
                        {
                            executionCount = (int)content["execution_count"]!;
                        }

                        break;
                    default:
                        outputs.Add(type, content);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new CellRun(outputs.ToArray(), executionCount, null, TimedOut: true);
        }

        var error = (string?)reply["status"] == "ok" ? null : outputs.Error ?? CellError.FromReply(reply);
        return new CellRun(outputs.ToArray(), executionCount, error, TimedOut: false);
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

    private static string? ParentId(JObject message) => (string?)message["parent_header"]?["msg_id"];

    private async Task<string> SendAsync(string type, JObject content, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        var message = new JObject
        {
            ["header"] = new JObject
            {
                ["msg_id"] = id,
                ["msg_type"] = type,
                ["username"] = "cortex",
                ["session"] = session,
                ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture),
                ["version"] = "5.3",
            },
            ["parent_header"] = new JObject(),
            ["metadata"] = new JObject(),
            ["content"] = content,
            ["channel"] = "shell",
            ["buffers"] = new JArray(),
        };
        var bytes = Encoding.UTF8.GetBytes(message.ToString(Formatting.None));
        await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        return id;
    }

    private async Task<JObject> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, cancellationToken);
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

            using var reader = new JsonTextReader(new StreamReader(new MemoryStream(message.GetBuffer(), 0, (int)message.Length), Encoding.UTF8))
            {
                DateParseHandling = DateParseHandling.None,
            };
            if (JToken.ReadFrom(reader) is JObject json)
            {
                return json;
            }
        }
    }
}
