using Cortex.Responders;
using System.Security.Cryptography;
using MimeKit;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Analyzers.EmlParser.Mail;

/// <summary>
/// A mail message read from its file: the report's headers, bodies, attachments (those of attached messages
/// too, each decoded into a temporary folder for its hashes and its file artifact) and URLs. Dispose it to
/// delete the temporary folder.
/// </summary>
internal sealed class ParsedMessage : IDisposable
{
    /// <summary>Attached messages inside attached messages: deeper than this is a bomb, not a mail.</summary>
    private const int MaxDepth = 10;

    private static readonly HeaderId[] MailHeaders =
        [HeaderId.From, HeaderId.Sender, HeaderId.To, HeaderId.Cc, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId, HeaderId.Received, HeaderId.ReturnPath];

    private readonly string folder;
    private readonly List<Attachment> attachments = [];

    private ParsedMessage(MimeMessage message, string folder)
    {
        Message = message;
        this.folder = folder;
    }

    public MimeMessage Message { get; }

    public IReadOnlyList<Attachment> Attachments => attachments;

    public IReadOnlyList<string> Urls => UrlFinder.Find(Message.TextBody, Message.HtmlBody);

    /// <summary>Reads a message; a file that holds none (no header a mail has) throws <see cref="FormatException"/>.</summary>
    public static ParsedMessage Load(Stream stream, CancellationToken cancellationToken)
    {
        var message = MimeMessage.Load(ParserOptions.Default, stream, cancellationToken);
        if (!message.Headers.Any(header => MailHeaders.Contains(header.Id)))
        {
            throw new FormatException("it has no header a mail message has (From, To, Cc, Subject, Date, Message-ID, Received, Return-Path)");
        }

        var parsed = new ParsedMessage(message, Directory.CreateTempSubdirectory("emlparser-").FullName);
        try
        {
            parsed.Walk(message.Body, inMessage: null, depth: 0, cancellationToken);
            return parsed;
        }
        catch
        {
            parsed.Dispose();
            throw;
        }
    }

    public JObject Headers() => new()
    {
        ["from"] = Addresses(Message.From),
        ["to"] = Addresses(Message.To),
        ["cc"] = Addresses(Message.Cc),
        ["replyTo"] = Addresses(Message.ReplyTo),
        ["returnPath"] = ReturnPath,
        ["subject"] = Message.Subject,
        ["date"] = Message.Headers.Contains(HeaderId.Date) && Message.Date != DateTimeOffset.MinValue ? Message.Date.ToString("O") : null,
        ["messageId"] = Message.MessageId,
        ["received"] = new JArray(Message.Headers.Where(header => header.Id == HeaderId.Received).Select(header => Unfold(header.Value))),
    };

    /// <summary>The address of Return-Path, without its angle brackets, or null.</summary>
    public string? ReturnPath =>
        Message.Headers[HeaderId.ReturnPath] is { } value && value.Trim().Trim('<', '>').Trim() is { Length: > 0 } address ? address : null;

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static JArray Addresses(InternetAddressList list) =>
        new(list.Mailboxes.Select(mailbox => new JObject { ["name"] = string.IsNullOrEmpty(mailbox.Name) ? null : mailbox.Name, ["address"] = mailbox.Address }));

    private static string Unfold(string value) => string.Join(' ', value.Split((char[])['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));

    private void Walk(MimeEntity? entity, string? inMessage, int depth, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        switch (entity)
        {
            case Multipart multipart:
                foreach (var child in multipart)
                {
                    Walk(child, inMessage, depth, cancellationToken);
                }

                break;
            case MessagePart { Message: { } attached } part:
                var name = part.ContentDisposition?.FileName is { Length: > 0 } given ? given : $"{(string.IsNullOrWhiteSpace(attached.Subject) ? "message" : attached.Subject)}.eml";
                Save(name, part.ContentType.MimeType, inMessage, stream => attached.WriteTo(FormatOptions.Default, stream, cancellationToken));
                if (depth + 1 >= MaxDepth)
                {
                    throw new FormatException($"it nests attached messages more than {MaxDepth} deep");
                }

                Walk(attached.Body, name, depth + 1, cancellationToken);
                break;
            case MimePart part when IsAttachment(part):
                Save(part.FileName ?? $"part{attachments.Count + 1}", part.ContentType.MimeType, inMessage, stream => part.Content?.DecodeTo(stream, cancellationToken));
                break;
        }
    }

    /// <summary>A file rather than a body: marked as an attachment, named, or not text (an inline image is a file).</summary>
    private static bool IsAttachment(MimePart part) =>
        part.IsAttachment || !string.IsNullOrEmpty(part.FileName) || !part.ContentType.MediaType.Equals("text", StringComparison.OrdinalIgnoreCase);

    private void Save(string name, string contentType, string? inMessage, Action<Stream> write)
    {
        // Each file in a folder of its own, under its own name (made safe): the file artifact's filename is that name.
        var numbered = Path.Combine(folder, attachments.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var path = Path.Combine(Directory.CreateDirectory(numbered).FullName, SafeName(name, attachments.Count + 1));
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            write(stream);
        }

        using var content = File.OpenRead(path);
        var md5 = Convert.ToHexStringLower(MD5.HashData(content));
        content.Position = 0;
        var sha1 = Convert.ToHexStringLower(SHA1.HashData(content));
        content.Position = 0;
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        attachments.Add(new Attachment(name, contentType, content.Length, md5, sha1, sha256, inMessage, path));
    }

    private static string SafeName(string name, int index)
    {
        var last = name.Replace('\\', '/').Split('/').LastOrDefault(segment => segment.Length > 0) ?? string.Empty;
        var safe = new string(last.Where(c => !char.IsControl(c) && Array.IndexOf(Path.GetInvalidFileNameChars(), c) < 0).ToArray()).Trim();
        if (safe.Length > 200)
        {
            safe = safe[^200..];
        }

        return safe is "" or "." or ".." ? $"attachment{index}" : safe;
    }
}
