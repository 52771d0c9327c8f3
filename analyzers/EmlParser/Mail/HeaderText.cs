using System.Text;
using MimeKit;
using MimeKit.Utils;

namespace Cortex.Workers.Analyzers.EmlParser.Mail;

/// <summary>
/// A header's decoded text from its first raw bytes only (<see cref="RawBytes"/>): decoding a whole header of
/// megabytes costs time that grows faster than its length, and the report keeps <see cref="Bounds.HeaderChars"/>.
/// </summary>
internal static class HeaderText
{
    /// <summary>Raw bytes decoded: room for <see cref="Bounds.HeaderChars"/> characters, encoded words included.</summary>
    public const int RawBytes = Bounds.HeaderChars * 4;

    public static string Of(Header header)
    {
        var raw = header.RawValue;
        return raw.Length <= RawBytes ? header.Value : Rfc2047.DecodeText(ParserOptions.Default, raw, 0, RawBytes);
    }

    /// <summary>The decoded value of the first header of that id, or null.</summary>
    public static string? First(HeaderList headers, HeaderId id) => headers.FirstOrDefault(header => header.Id == id) is { } header ? Of(header) : null;

    /// <summary>Whether the header is longer than what is decoded of it.</summary>
    public static bool IsLong(Header header) => header.RawValue.Length > RawBytes;

    public static string Latin1(byte[] raw) => Encoding.Latin1.GetString(raw, 0, Math.Min(raw.Length, RawBytes));
}
