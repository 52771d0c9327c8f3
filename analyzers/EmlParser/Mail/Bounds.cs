using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Analyzers.EmlParser.Mail;

/// <summary>
/// What the report keeps of a message, whatever its size, and what this message lost to it: the report says
/// both (<c>bounds.limits</c>, <c>bounds.cut</c>), so that an analyst knows when to open the file itself.
/// </summary>
internal sealed class Bounds
{
    /// <summary>Characters of one body in the report; TheHive shows the report in a browser, which must not choke on it.</summary>
    public const int BodyChars = 100_000;

    /// <summary>Bytes of one body read for its text and its IOCs; the rest is hashed, not read.</summary>
    public const int BodyScanBytes = 4 * 1024 * 1024;

    /// <summary>Characters of one header value in the report and read for IOCs.</summary>
    public const int HeaderChars = 16 * 1024;

    /// <summary>Bytes of the message given as <c>raw_email</c>.</summary>
    public const int RawEmailBytes = 1024 * 1024;

    /// <summary>Bodies in the report (text and HTML together).</summary>
    public const int Bodies = 100;

    /// <summary>Attachments listed in the report; the rest are counted.</summary>
    public const int Attachments = 1_000;

    /// <summary>Attachments given as file artifacts.</summary>
    public const int Files = 1_000;

    /// <summary>Bytes of all file artifacts together, and never more than twice the message (the message itself may be larger).</summary>
    public const long FileBytes = 256L * 1024 * 1024;

    /// <summary>Parts of the message walked; a message with more is a bomb, not a mail.</summary>
    public const int Parts = 100_000;

    /// <summary>Attached messages inside attached messages.</summary>
    public const int Depth = 10;

    /// <summary>Values of each IOC kind.</summary>
    public const int Iocs = 1_000;

    private readonly List<string> cut = [];

    public void Cut(string what)
    {
        if (cut.Count < 100)
        {
            cut.Add(what);
        }
    }

    public JObject ToJson() => new()
    {
        ["limits"] = new JObject
        {
            ["body_chars"] = BodyChars,
            ["body_scan_bytes"] = BodyScanBytes,
            ["header_chars"] = HeaderChars,
            ["raw_email_bytes"] = RawEmailBytes,
            ["bodies"] = Bodies,
            ["attachments"] = Attachments,
            ["files"] = Files,
            ["file_bytes"] = FileBytes,
            ["parts"] = Parts,
            ["depth"] = Depth,
            ["iocs"] = Iocs,
        },
        ["cut"] = new JArray(cut),
    };

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
