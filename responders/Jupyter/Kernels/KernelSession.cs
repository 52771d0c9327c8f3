using Cortex.Responders;
using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter.Kernels;

/// <summary>
/// The Jupyter messaging protocol spoken to one running kernel, whatever carries it (<see cref="IKernelTransport"/>):
/// wait until the kernel answers, then run code and gather what it sends back, as nbclient does. Both remote and
/// local execution run their cells through this one engine.
/// </summary>
internal sealed class KernelSession(IKernelTransport transport, string session) : IAsyncDisposable
{
    /// <summary>How often a kernel_info_request is sent again while the kernel has not answered on both channels.</summary>
    private static readonly TimeSpan InfoRetry = TimeSpan.FromSeconds(1);

    /// <summary>The protocol's session id, shared by every message this client sends.</summary>
    public string Session => session;

    /// <summary>
    /// Waits until the kernel answers a kernel_info_request (as nbclient does before the first cell): the kernel is
    /// then started and its outputs reach the client. Over ZeroMQ, an iopub message for one of the requests must have
    /// come too, proving the subscription is live (the request is sent again each second until then).
    /// </summary>
    /// <exception cref="TimeoutException">No answer within <paramref name="limit"/>.</exception>
    public async Task WaitReadyAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        // Cancelling a websocket receive aborts the socket, so a websocket waits once, for the whole limit.
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(limit);
        var sent = new HashSet<string>();
        var replied = false;
        var iopub = !transport.IopubMayStartLate;
        try
        {
            sent.Add(await SendAsync("kernel_info_request", new JObject(), "shell", bounded.Token));
            var retry = DateTime.UtcNow + InfoRetry;
            while (!replied || !iopub)
            {
                JObject message;
                if (transport.IopubMayStartLate)
                {
                    using var step = CancellationTokenSource.CreateLinkedTokenSource(bounded.Token);
                    step.CancelAfter(retry - DateTime.UtcNow is { Ticks: > 0 } left ? left : TimeSpan.Zero);
                    try
                    {
                        message = await transport.ReceiveAsync(step.Token);
                    }
                    catch (OperationCanceledException) when (!bounded.IsCancellationRequested)
                    {
                        sent.Add(await SendAsync("kernel_info_request", new JObject(), "shell", bounded.Token));
                        retry = DateTime.UtcNow + InfoRetry;
                        continue;
                    }
                }
                else
                {
                    message = await transport.ReceiveAsync(bounded.Token);
                }

                if (ParentId(message) is not { } parent || !sent.Contains(parent))
                {
                    continue;
                }

                replied |= MessageType(message) == "kernel_info_reply";
                iopub |= (string?)message["channel"] == "iopub";
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
                "shell",
                bounded.Token);
            while (reply is null || !idle)
            {
                var message = await transport.ReceiveAsync(bounded.Token);
                var type = MessageType(message);
                var content = message["content"] as JObject ?? [];
                if (type == "status" && (string?)content["execution_state"] is "dead" or "restarting")
                {
                    throw new KernelException($"the kernel died ({content["execution_state"]}) while running the cell: "
                        + "check the notebook's memory use and what it starts (an out-of-memory kill, os._exit); the kernel is shut down");
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

    /// <summary>Asks the kernel to end (a shutdown_request on the control channel), without waiting for it.</summary>
    public Task RequestShutdownAsync(CancellationToken cancellationToken) =>
        SendAsync("shutdown_request", new JObject { ["restart"] = false }, "control", cancellationToken);

    public ValueTask DisposeAsync() => transport.DisposeAsync();

    private static string? ParentId(JObject message) => (string?)message["parent_header"]?["msg_id"];

    private static string? MessageType(JObject message) => (string?)message["msg_type"] ?? (string?)message["header"]?["msg_type"];

    private async Task<string> SendAsync(string type, JObject content, string channel, CancellationToken cancellationToken)
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
                ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
                ["version"] = "5.3",
            },
            ["parent_header"] = new JObject(),
            ["metadata"] = new JObject(),
            ["content"] = content,
            ["channel"] = channel,
            ["buffers"] = new JArray(),
        };
        await transport.SendAsync(message, cancellationToken);
        return id;
    }
}
