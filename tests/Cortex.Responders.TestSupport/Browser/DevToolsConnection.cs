using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.TestSupport.Browser;

/// <summary>
/// The Chrome DevTools protocol over the browser's websocket (ClientWebSocket, no browser-driving package): commands
/// matched to their answers by id, and events waited for by method and session (flat sessions, one per page).
/// </summary>
public sealed class DevToolsConnection : IAsyncDisposable
{
    private readonly ClientWebSocket socket = new();
    private readonly SemaphoreSlim sending = new(1, 1);
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JObject>> pending = new();
    private readonly List<(string? Session, string Method, TaskCompletionSource<JObject> Event)> waiters = [];
    private readonly CancellationTokenSource closing = new();
    private Task receiving = Task.CompletedTask;
    private int lastId;

    private DevToolsConnection()
    {
    }

    /// <summary>Connects to the browser's websocket, <c>ws://127.0.0.1:port/devtools/browser/…</c>.</summary>
    public static async Task<DevToolsConnection> ConnectAsync(Uri browserSocket, CancellationToken cancellationToken)
    {
        var connection = new DevToolsConnection();
        connection.socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await connection.socket.ConnectAsync(browserSocket, cancellationToken);
        connection.receiving = Task.Run(connection.ReceiveAsync, CancellationToken.None);
        return connection;
    }

    /// <summary>Sends <paramref name="method"/> (to the page of <paramref name="session"/>, or to the browser) and returns its result.</summary>
    public async Task<JObject> SendAsync(string method, JObject? parameters, string? session, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref lastId);
        var answer = new TaskCompletionSource<JObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = answer;
        var message = new JObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? [] };
        if (session is not null)
        {
            message["sessionId"] = session;
        }

        await sending.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToString(Formatting.None)), WebSocketMessageType.Text, true, cancellationToken);
        }
        finally
        {
            sending.Release();
        }

        using var registration = cancellationToken.Register(() => answer.TrySetCanceled(cancellationToken));
        var reply = await answer.Task;
        if (reply["error"] is JObject error)
        {
            throw new InvalidOperationException($"DevTools {method} failed: {error["message"]} {error["data"]}");
        }

        return reply["result"] as JObject ?? [];
    }

    /// <summary>
    /// The next event <paramref name="method"/> of <paramref name="session"/>: call it before the command that causes the
    /// event, then await the task.
    /// </summary>
    public Task<JObject> NextEvent(string? session, string method)
    {
        var waiter = new TaskCompletionSource<JObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (waiters)
        {
            waiters.Add((session, method, waiter));
        }

        return waiter.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync();
        if (socket.State == WebSocketState.Open)
        {
            try
            {
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, limit.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // The browser went first.
            }
        }

        await receiving;
        socket.Dispose();
        sending.Dispose();
        closing.Dispose();
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        Exception ended = new InvalidOperationException("the browser closed its DevTools connection");
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, closing.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, received.Count);
                if (received.EndOfMessage)
                {
                    Dispatch(JObject.Parse(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length)));
                    message.SetLength(0);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            ended = e;
        }

        foreach (var answer in pending.Values)
        {
            answer.TrySetException(ended);
        }

        lock (waiters)
        {
            waiters.ForEach(w => w.Event.TrySetException(ended));
            waiters.Clear();
        }
    }

    private void Dispatch(JObject message)
    {
        if (message["id"] is { } id)
        {
            if (pending.TryRemove((int)id, out var answer))
            {
                answer.TrySetResult(message);
            }

            return;
        }

        var method = (string?)message["method"];
        var session = (string?)message["sessionId"];
        lock (waiters)
        {
            foreach (var waiter in waiters.Where(w => w.Method == method && w.Session == session).ToList())
            {
                waiters.Remove(waiter);
                waiter.Event.TrySetResult(message["params"] as JObject ?? []);
            }
        }
    }
}
