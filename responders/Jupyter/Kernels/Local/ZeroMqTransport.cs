using Cortex.Responders;
using System.Threading.Channels;
using NetMQ;
using NetMQ.Sockets;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter.Kernels.Local;

/// <summary>
/// A local kernel's channels over ZeroMQ (NetMQ): shell and control as DEALER sockets, iopub as a SUB socket, every
/// message signed with the connection file's key; a message with a wrong signature is dropped. NetMQ sockets belong
/// to one thread, so a poller thread owns them: sends are queued to it, and what it receives goes into a channel.
/// </summary>
internal sealed class ZeroMqTransport : IKernelTransport
{
    /// <summary>The largest frame read from the kernel; ZeroMQ drops the connection above it (a runaway output).</summary>
    public const long MaxFrameBytes = 64 * 1024 * 1024;

    private readonly WireMessage wire;
    private readonly DealerSocket shell = new();
    private readonly DealerSocket control = new();
    private readonly SubscriberSocket iopub = new();
    private readonly NetMQQueue<(string Channel, NetMQMessage Frames)> outgoing = new();
    private readonly NetMQPoller poller;
    private readonly Channel<JObject> incoming = Channel.CreateUnbounded<JObject>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    public ZeroMqTransport(ConnectionFile connection)
    {
        wire = new WireMessage(connection.Key);
        var identity = System.Text.Encoding.ASCII.GetBytes(Guid.NewGuid().ToString("N"));
        foreach (var (socket, port) in new (NetMQSocket, int)[] { (shell, connection.ShellPort), (control, connection.ControlPort), (iopub, connection.IopubPort) })
        {
            socket.Options.Linger = TimeSpan.Zero;
            socket.Options.MaxMsgSize = MaxFrameBytes;
            if (socket is DealerSocket)
            {
                socket.Options.Identity = identity;
            }

            socket.Connect(ConnectionFile.Endpoint(port));
        }

        iopub.SubscribeToAnyTopic();
        shell.ReceiveReady += (_, e) => Receive(e.Socket, "shell");
        control.ReceiveReady += (_, e) => Receive(e.Socket, "control");
        iopub.ReceiveReady += (_, e) => Receive(e.Socket, "iopub");
        outgoing.ReceiveReady += (_, e) =>
        {
            while (e.Queue.TryDequeue(out var item, TimeSpan.Zero))
            {
                (item.Channel == "control" ? control : shell).SendMultipartMessage(item.Frames);
            }
        };
        poller = [shell, control, iopub, outgoing];
        poller.RunAsync("kernel channels", isBackgroundThread: true);
    }

    public bool IopubMayStartLate => true;

    public Task SendAsync(JObject message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        outgoing.Enqueue(((string?)message["channel"] ?? "shell", wire.Encode(message)));
        return Task.CompletedTask;
    }

    public async Task<JObject> ReceiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await incoming.Reader.ReadAsync(cancellationToken);
        }
        catch (ChannelClosedException e) when (e.InnerException is KernelException gone)
        {
            throw new KernelException(gone.Message);
        }
    }

    /// <summary>Ends every wait for a message with <paramref name="reason"/> (the kernel process has exited), after the messages already received.</summary>
    public void Fail(KernelException reason) => incoming.Writer.TryComplete(reason);

    public ValueTask DisposeAsync()
    {
        incoming.Writer.TryComplete(new KernelException("the kernel's connection is closed"));
        if (poller.IsRunning)
        {
            poller.Stop();
        }

        poller.Dispose();
        outgoing.Dispose();
        shell.Dispose();
        control.Dispose();
        iopub.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Receive(NetMQSocket socket, string channel)
    {
        NetMQMessage? frames = null;
        while (socket.TryReceiveMultipartMessage(TimeSpan.Zero, ref frames))
        {
            if (wire.Decode(frames!, channel) is { } message)
            {
                incoming.Writer.TryWrite(message);
            }

            frames = null;
        }
    }
}
