using Cortex.Responders;
namespace Cortex.Workers.Analyzers.EmlParser.Mail;

/// <summary>A file of the message (an attached message too), decoded into <see cref="Path"/> for its hashes and its file artifact.</summary>
internal sealed record Attachment(
    string Name,
    string ContentType,
    long Size,
    string Md5,
    string Sha1,
    string Sha256,
    string? InMessage,
    string Path);
