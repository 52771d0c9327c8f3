using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Analyzers.EmlParser.Mail;

/// <summary>An inline text part: its type (text/plain or text/html), its text as read (bounded), its part's headers and hash.</summary>
internal sealed record MailBody(
    string ContentType,
    string Text,
    long Length,
    bool Truncated,
    string Hash,
    JObject ContentHeader,
    string? InMessage)
{
    public bool IsHtml => ContentType == "text/html";
}
