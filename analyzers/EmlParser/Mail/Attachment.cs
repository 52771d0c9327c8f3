using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Analyzers.EmlParser.Mail;

/// <summary>
/// A file of the message (an attached message, or an inline part whose bytes are not text): its hashes, the
/// type its bytes show, its part's headers and, when it is a file artifact, its file in output/.
/// </summary>
internal sealed record Attachment(
    string Filename,
    long Size,
    string DeclaredType,
    FileType.Match Detected,
    PartHashes Hashes,
    JObject ContentHeader,
    string? InMessage,
    string? OutputName);
