using System.Globalization;
using System.Text;
using MimeKit;

namespace Cortex.Workers.Analyzers.EmlParser.Mail;

/// <summary>
/// A mail message read from its file, its parts walked once: every inline text part (of any multipart kind, in
/// attached messages too) is a body; every other part, and an inline text part whose bytes are not text, is an
/// attachment, decoded once into its hashes and (within the bounds) its file in output/. The message stays
/// on its file (MimeKit's persistent parse): memory does not grow with the parts' bytes.
/// </summary>
internal sealed class ParsedMessage
{
    private static readonly HeaderId[] MailHeaders =
        [HeaderId.From, HeaderId.Sender, HeaderId.To, HeaderId.Cc, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId, HeaderId.Received, HeaderId.ReturnPath,
         HeaderId.ContentType, HeaderId.MimeVersion];

    private readonly List<MailBody> bodies = [];
    private readonly List<Attachment> attachments = [];
    private readonly List<(long Start, long End, string Name)> omitted = [];
    private readonly OutputFiles files;
    private readonly Bounds bounds;
    private readonly IocSet iocs;
    private readonly CancellationToken cancellationToken;
    private int parts;
    private int unnamed;

    static ParsedMessage() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private ParsedMessage(MimeMessage message, OutputFiles files, Bounds bounds, IocSet iocs, CancellationToken cancellationToken)
    {
        Message = message;
        this.iocs = iocs;
        this.files = files;
        this.bounds = bounds;
        this.cancellationToken = cancellationToken;
    }

    public MimeMessage Message { get; }

    public IReadOnlyList<MailBody> Bodies => bodies;

    public IReadOnlyList<Attachment> Attachments => attachments;

    /// <summary>Where the attachments' encoded bytes lie in the file, to be left out of <c>raw_email</c>.</summary>
    public IReadOnlyList<(long Start, long End, string Name)> Omitted => omitted;

    /// <summary>Attachments found, listed or not (past <see cref="Bounds.Attachments"/> they are counted only).</summary>
    public int AttachmentCount { get; private set; }

    /// <summary>The address of Return-Path, without its angle brackets, or null.</summary>
    public string? ReturnPath =>
        HeaderText.First(Message.Headers, HeaderId.ReturnPath) is { } value && value.Trim().Trim('<', '>').Trim() is { Length: > 0 } address ? address : null;

    /// <summary>Reads a message from a seekable stream kept open as long as the message is used; one with no header a mail has throws <see cref="FormatException"/>.</summary>
    public static ParsedMessage Load(Stream stream, OutputFiles files, Bounds bounds, IocSet iocs, CancellationToken cancellationToken)
    {
        var message = MimeMessage.Load(ParserOptions.Default, stream, persistent: true, cancellationToken);
        // MimeKit gives the Content-* headers of a message to its body.
        if (!message.Headers.Concat(message.Body?.Headers ?? []).Any(header => MailHeaders.Contains(header.Id)))
        {
            throw new FormatException("it has no header a mail message has (From, To, Cc, Subject, Date, Message-ID, Received, Return-Path, Content-Type, MIME-Version)");
        }

        var parsed = new ParsedMessage(message, files, bounds, iocs, cancellationToken);
        parsed.Walk(message.Body, inMessage: null, depth: 0);
        return parsed;
    }

    private void Walk(MimeEntity? entity, string? inMessage, int depth)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (entity is null)
        {
            return;
        }

        if (++parts > Bounds.Parts)
        {
            throw new FormatException($"it has more than {Bounds.Number(Bounds.Parts)} parts");
        }

        switch (entity)
        {
            case Multipart multipart:
                foreach (var child in multipart)
                {
                    Walk(child, inMessage, depth);
                }

                break;
            case TextRfc822Headers { Message: { } returned } headers when !headers.IsAttachment:
                // The headers of a returned message (a bounce): text to read, as Python and 2.1 read it.
                AddBody(headers, inMessage, stream => returned.WriteTo(FormatOptions.Default, stream, cancellationToken));
                break;
            case MessagePart { Message: { } attached } part:
                var name = part.ContentDisposition?.FileName is { Length: > 0 } given ? given
                    : part.ContentType.Name is { Length: > 0 } named ? named
                    : $"{(HeaderText.First(attached.Headers, HeaderId.Subject) is { Length: > 0 and <= 200 } subject ? subject.Trim() : "message")}.eml";
                AddAttachment(part, name, inMessage, stream => attached.WriteTo(FormatOptions.Default, stream, cancellationToken));
                if (depth + 1 >= Bounds.Depth)
                {
                    bounds.Cut($"attachments: messages attached more than {Bounds.Depth} deep are listed, not read");
                    break;
                }

                Walk(attached.Body, name, depth + 1);
                break;
            case MimePart text when !text.IsAttachment && string.IsNullOrEmpty(text.FileName) && (text is TextPart || InvalidType(text)):
                if (!AddBody(text, inMessage, stream => text.Content?.DecodeTo(stream, cancellationToken)))
                {
                    AddAttachment(text, NextName(), inMessage, stream => text.Content?.DecodeTo(stream, cancellationToken));
                }

                break;
            case MimePart part:
                AddAttachment(part, part.FileName is { Length: > 0 } fileName ? fileName : NextName(), inMessage,
                    stream => part.Content?.DecodeTo(stream, cancellationToken));
                break;
        }
    }

    /// <summary>An inline text part as a body; false when its bytes are not text (it is then an attachment).</summary>
    private bool AddBody(MimeEntity part, string? inMessage, Action<Stream> decode)
    {
        using var sink = new PartSink(Bounds.BodyScanBytes, file: null, fileLimit: 0, cancellationToken);
        decode(sink);
        if (!FileType.LooksLikeText(sink.Head))
        {
            return false;
        }

        if (bodies.Count >= Bounds.Bodies)
        {
            bounds.Cut($"body: only the first {Bounds.Bodies} text parts are bodies in the report");
            return true;
        }

        var text = Decode(part, sink.Head);
        var whole = sink.Size <= Bounds.BodyScanBytes;
        if (!whole)
        {
            bounds.Cut($"body: a part of {Bounds.Number(sink.Size)} bytes is read for its text and IOCs up to {Bounds.Number(Bounds.BodyScanBytes)}; its hash is of its decoded bytes");
        }

        // 2.1's hash is the SHA-256 of the decoded text (UTF-8); a part too long to read whole is hashed on its bytes.
        var hash = whole ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text))) : sink.Hashes().Sha256;
        var isHtml = part.ContentType.MimeType.Equals("text/html", StringComparison.OrdinalIgnoreCase);
        UrlFinder.AddIocs(isHtml, text, iocs);
        if (text.Length > Bounds.BodyChars)
        {
            bounds.Cut($"body: a {(isHtml ? "text/html" : "text/plain")} body of {Bounds.Number(text.Length)} characters is shown up to {Bounds.Number(Bounds.BodyChars)}");
        }

        bodies.Add(new MailBody(isHtml ? "text/html" : "text/plain", text.Length > Bounds.BodyChars ? text[..Bounds.BodyChars] : text, text.Length,
            !whole || text.Length > Bounds.BodyChars, hash, HeaderReport.ContentHeader(part.Headers), inMessage));
        return true;
    }

    /// <summary>
    /// A Content-Type MimeKit could not read (<c>Content-Type: text</c>): as RFC 2045 (5.2) says, such a part is
    /// text/plain, and so Python reads it.
    /// </summary>
    private static bool InvalidType(MimePart part) =>
        HeaderText.First(part.Headers, HeaderId.ContentType) is { } declared && !declared.TrimStart().StartsWith(part.ContentType.MediaType, StringComparison.OrdinalIgnoreCase);

    private static string Decode(MimeEntity part, ReadOnlySpan<byte> bytes)
    {
        Encoding encoding;
        try
        {
            encoding = part.ContentType.Charset is { Length: > 0 } charset ? Encoding.GetEncoding(charset.Trim('"').Trim()) : new UTF8Encoding(false, true);
        }
        catch (ArgumentException)
        {
            encoding = Encoding.UTF8;
        }

        try
        {
            return encoding.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);   // no charset and not UTF-8: as MimeKit reads such text
        }
    }

    private void AddAttachment(MimeEntity part, string name, string? inMessage, Action<Stream> decode)
    {
        AttachmentCount++;
        if (part is MimePart { Content.Stream: MimeKit.IO.BoundStream bound })
        {
            omitted.Add((bound.StartBoundary, bound.EndBoundary, name));
        }

        if (attachments.Count >= Bounds.Attachments)
        {
            if (attachments.Count == Bounds.Attachments)
            {
                bounds.Cut($"attachments: only the first {Bounds.Number(Bounds.Attachments)} are listed and hashed; the others are counted");
            }

            return;
        }

        var file = files.Create();
        if (file is null && files.Wanted)
        {
            bounds.Cut($"attachments: file artifacts stop at {Bounds.Number(Bounds.Files)} files, {Bounds.Number(Bounds.FileBytes)} bytes or twice the message; later ones are hashed only");
        }

        var declared = part.ContentType.MimeType.ToLowerInvariant();
        using (var stream = file?.Stream)
        using (var sink = new PartSink(FileType.HeadBytes, stream, file is null ? 0 : files.Room, cancellationToken))
        {
            decode(sink);
            stream?.Flush();
            var kept = file is not null && sink.FileWhole ? file.Value.Name : null;
            attachments.Add(new Attachment(name, sink.Size, declared, FileType.Detect(sink.Head, declared), sink.Hashes(),
                HeaderReport.ContentHeader(part.Headers), inMessage, kept));
            stream?.Dispose();
            if (kept is not null)
            {
                files.Done(kept, sink.Size);
            }
            else if (file is not null)
            {
                bounds.Cut($"attachments: {name} ({Bounds.Number(sink.Size)} bytes) is past the bytes left for file artifacts: hashed only");
                files.Drop(file.Value.Name);
            }
        }
    }

    private string NextName() => string.Create(CultureInfo.InvariantCulture, $"part-{unnamed++:000}");
}
