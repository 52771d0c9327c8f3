using System.Security.Cryptography;

namespace Cortex.Workers.Analyzers.EmlParser.Mail;

/// <summary>
/// Where a part is decoded to, in one pass: its four hashes, its size, its first <c>keep</c> bytes (for its
/// text or its type) and, when given a file, the bytes themselves up to <c>fileLimit</c> (past it the file
/// is left incomplete and <see cref="FileWhole"/> is false: the caller deletes it). Nothing else is held.
/// </summary>
internal sealed class PartSink : Stream
{
    private readonly IncrementalHash md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private readonly IncrementalHash sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
    private readonly IncrementalHash sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly IncrementalHash sha512 = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
    private readonly MemoryStream head = new();
    private readonly int keep;
    private readonly Stream? file;
    private readonly long fileLimit;
    private readonly CancellationToken cancellationToken;

    public PartSink(int keep, Stream? file, long fileLimit, CancellationToken cancellationToken)
    {
        this.keep = keep;
        this.file = file;
        this.fileLimit = fileLimit;
        this.cancellationToken = cancellationToken;
    }

    public long Size { get; private set; }

    public bool FileWhole => file is not null && Size <= fileLimit;

    /// <summary>The first bytes kept, at most <c>keep</c>.</summary>
    public ReadOnlySpan<byte> Head => head.GetBuffer().AsSpan(0, (int)head.Length);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => Size;

    public override long Position { get => Size; set => throw new NotSupportedException(); }

    public PartHashes Hashes() => new(Hex(md5), Hex(sha1), Hex(sha256), Hex(sha512));

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        cancellationToken.ThrowIfCancellationRequested();
        md5.AppendData(buffer);
        sha1.AppendData(buffer);
        sha256.AppendData(buffer);
        sha512.AppendData(buffer);
        if (head.Length < keep)
        {
            head.Write(buffer[..(int)Math.Min(buffer.Length, keep - head.Length)]);
        }

        if (file is not null && Size + buffer.Length <= fileLimit)
        {
            file.Write(buffer);
        }

        Size += buffer.Length;
    }

    public override void Flush() => file?.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            md5.Dispose();
            sha1.Dispose();
            sha256.Dispose();
            sha512.Dispose();
            head.Dispose();
        }

        base.Dispose(disposing);
    }

    private static string Hex(IncrementalHash hash) => Convert.ToHexStringLower(hash.GetCurrentHash());
}
