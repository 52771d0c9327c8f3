using MimeKit;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Analyzers.EmlParser.Mail;

/// <summary>
/// The full report: 2.1's keys and types (<c>headers</c>, <c>body.text_plain[]</c>, <c>body.text_html[]</c>,
/// <c>attachments[]</c>, <c>iocs</c>, <c>raw_email</c>) and ours beside them (<c>message</c>: the addresses as
/// name and address, the date in ISO 8601, the Message-ID; <c>bounds</c>: the limits and what this message lost
/// to them). No attachment's bytes: its file artifact carries them.
/// </summary>
internal static class ReportBuilder
{
    public static JObject Build(ParsedMessage parsed, JObject headers, IocSet iocs, Bounds bounds, string rawEmail,
        IReadOnlyDictionary<MailBody, (string? DataUrl, string? Error)> renderings, string? visualisation)
    {
        var body = new JObject { ["text_plain"] = new JArray(), ["text_html"] = new JArray() };
        foreach (var mailBody in parsed.Bodies)
        {
            var json = new JObject
            {
                ["content_type"] = mailBody.ContentType,
                ["content"] = mailBody.Text,
                ["content_header"] = mailBody.ContentHeader,
                ["hash"] = mailBody.Hash,
                ["length"] = mailBody.Length,
                ["truncated"] = mailBody.Truncated,
                ["in_message"] = mailBody.InMessage,
            };
            if (renderings.TryGetValue(mailBody, out var rendering))
            {
                json["rendered_html"] = rendering.DataUrl;
                json["rendering_error"] = rendering.Error;
            }

            ((JArray)body[mailBody.IsHtml ? "text_html" : "text_plain"]!).Add(json);
        }

        return new JObject
        {
            ["headers"] = headers,
            ["body"] = body,
            ["attachments"] = new JArray(parsed.Attachments.Select(Describe)),
            ["iocs"] = iocs.ToJson(),
            ["raw_email"] = rawEmail,
            ["message"] = Message(parsed),
            ["visualisation"] = visualisation,
            ["bounds"] = bounds.ToJson(),
        };
    }

    private static JObject Describe(Attachment attachment)
    {
        var json = new JObject
        {
            ["filename"] = attachment.Filename,
            ["size"] = attachment.Size,
            ["extension"] = Path.GetExtension(attachment.Filename).TrimStart('.').ToLowerInvariant(),
            ["hash"] = new JObject
            {
                ["md5"] = attachment.Hashes.Md5,
                ["sha1"] = attachment.Hashes.Sha1,
                ["sha256"] = attachment.Hashes.Sha256,
                ["sha512"] = attachment.Hashes.Sha512,
            },
            ["mime_type"] = attachment.Detected.Description,
            ["mime_type_short"] = attachment.Detected.MimeType,
            ["content_header"] = attachment.ContentHeader,
            ["content_type"] = attachment.DeclaredType,
            ["in_message"] = attachment.InMessage,
            ["file_artifact"] = attachment.OutputName is not null,
        };
        return json;
    }

    private static JObject Message(ParsedMessage parsed)
    {
        var message = parsed.Message;
        return new JObject
        {
            ["from"] = Addresses(message.From),
            ["to"] = Addresses(message.To),
            ["cc"] = Addresses(message.Cc),
            ["bcc"] = Addresses(message.Bcc),
            ["reply_to"] = Addresses(message.ReplyTo),
            ["return_path"] = parsed.ReturnPath,
            ["date"] = message.Headers.Contains(HeaderId.Date) && message.Date != DateTimeOffset.MinValue ? message.Date.ToString("O") : null,
            ["message_id"] = message.MessageId,
            ["attachment_count"] = parsed.AttachmentCount,
        };
    }

    private static JArray Addresses(InternetAddressList list) =>
        new(list.Mailboxes.Take(Bounds.Iocs).Select(mailbox => new JObject
        {
            ["name"] = string.IsNullOrEmpty(mailbox.Name) ? null : mailbox.Name,
            ["address"] = mailbox.Address,
        }));
}
