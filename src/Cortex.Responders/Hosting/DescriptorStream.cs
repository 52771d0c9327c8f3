using System.Runtime.InteropServices;

namespace Cortex.Responders.Hosting;

/// <summary>
/// Writes straight to a file descriptor with write(2), at whatever offset the descriptor has: unlike a
/// FileStream, it keeps no position of its own, so a report written to a file shared with standard error
/// (<c>responder &gt; out.log 2&gt;&amp;1</c>) is not written over.
/// </summary>
internal sealed partial class DescriptorStream(int descriptor) : Stream
{
    private const int Interrupted = 4;
    private const short PollOut = 4;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override unsafe void Write(ReadOnlySpan<byte> buffer)
    {
        fixed (byte* start = buffer)
        {
            var written = 0;
            while (written < buffer.Length)
            {
                var result = WriteDescriptor(descriptor, start + written, buffer.Length - written);
                if (result < 0)
                {
                    var error = Marshal.GetLastPInvokeError();
                    if (error == Interrupted)
                    {
                        continue;
                    }

                    // A non-blocking descriptor that is full (EAGAIN: 11 on Linux, 35 on macOS): wait until it drains.
                    if (error is 11 or 35)
                    {
                        var wait = new PollDescriptor { Descriptor = descriptor, Events = PollOut };
                        Poll(&wait, 1, -1);
                        continue;
                    }

                    throw new IOException($"write to file descriptor {descriptor} failed (errno {error})");
                }

                written += (int)result;
            }
        }
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        // The descriptor stays open: the report may still be written after a writer around this stream is disposed.
        base.Dispose(disposing);
    }

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static unsafe partial int Poll(PollDescriptor* descriptors, nuint count, int timeout);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint WriteDescriptor(int descriptor, byte* buffer, nint count);

    [StructLayout(LayoutKind.Sequential)]
    private struct PollDescriptor
    {
        public int Descriptor;
        public short Events;
        public short ReturnedEvents;
    }
}
