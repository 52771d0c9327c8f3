namespace Cortex.Workers.Analyzers.EmlParser.Mail;

/// <summary>
/// The type a file's first bytes show, whatever its part declares (a lure names an .exe "invoice.pdf"): the
/// MIME type and a short description, as libmagic gives them to 2.1's <c>mime_type</c> and <c>mime_type_short</c>,
/// for the formats mail carries; anything else keeps its declared type.
/// </summary>
internal static class FileType
{
    private static readonly (byte[] Magic, int Offset, string MimeType, string Description)[] Signatures =
    [
        ("%PDF-"u8.ToArray(), 0, "application/pdf", "PDF document"),
        ("PK\u0003\u0004"u8.ToArray(), 0, "application/zip", "Zip archive data"),
        ("MZ"u8.ToArray(), 0, "application/x-dosexec", "PE32 executable (MS-DOS stub)"),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], 0, "application/x-ole-storage", "Composite Document File V2 Document (OLE, e.g. .doc/.xls/.msg)"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], 0, "image/png", "PNG image data"),
        ([0xFF, 0xD8, 0xFF], 0, "image/jpeg", "JPEG image data"),
        ("GIF8"u8.ToArray(), 0, "image/gif", "GIF image data"),
        ("Rar!"u8.ToArray(), 0, "application/x-rar", "RAR archive data"),
        ("7z\u00BC\u00AF\u0027\u001C"u8.ToArray(), 0, "application/x-7z-compressed", "7-zip archive data"),
        ([0x1F, 0x8B], 0, "application/gzip", "gzip compressed data"),
        ("CD001"u8.ToArray(), 0x8001, "application/x-iso9660-image", "ISO 9660 CD-ROM filesystem data"),
        ([0x7F, 0x45, 0x4C, 0x46], 0, "application/x-executable", "ELF executable"),
        ("{\\rtf"u8.ToArray(), 0, "text/rtf", "Rich Text Format data"),
    ];

    /// <summary>How many first bytes <see cref="Detect"/> reads (an ISO's mark is at 32 KiB).</summary>
    public const int HeadBytes = 0x8001 + 5;

    /// <summary>The MIME type and description the bytes show; for bytes no signature matches, the declared type.</summary>
    public static Match Detect(ReadOnlySpan<byte> head, string declared)
    {
        foreach (var (magic, offset, mimeType, description) in Signatures)
        {
            if (head.Length >= offset + magic.Length && head.Slice(offset, magic.Length).SequenceEqual(magic))
            {
                return new Match(mimeType, description);
            }
        }

        if (head.IsEmpty)
        {
            return new Match("application/x-empty", "empty");
        }

        return IsPlain(head) ? new Match(declared.StartsWith("text/", StringComparison.Ordinal) ? declared : "text/plain", "text")
            : new Match(declared, "data");
    }

    /// <summary>Text as a body is: no NUL and few control bytes in its first bytes (a ZIP sent as text/html is not).</summary>
    public static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        if (Detect(head, "application/octet-stream") is { MimeType: not ("text/rtf" or "text/plain" or "application/x-empty") })
        {
            return false;   // the mark of a binary format (PK\x03\x04, MZ, %PDF-…)
        }

        return IsPlain(head);
    }

    private static bool IsPlain(ReadOnlySpan<byte> head)
    {
        var sample = head[..Math.Min(head.Length, 8192)];
        var control = 0;
        foreach (var b in sample)
        {
            if (b == 0)
            {
                return false;
            }

            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r' and not 0x0C and not 0x1B)
            {
                control++;
            }
        }

        return control * 10 <= sample.Length;
    }

    /// <summary>A detected type: <c>mime_type</c> and <c>mime_type_short</c>.</summary>
    internal sealed record Match(string MimeType, string Description);
}
