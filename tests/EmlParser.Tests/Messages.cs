using System.Text;
using MimeKit;

namespace Cortex.Workers.Analyzers.EmlParser.Tests;

/// <summary>The messages the tests build with MimeKit: a lure as phishing reports bring them, and small plain ones.</summary>
public static class Messages
{
    public const string Subject = "Überweisung fällig — 請求書 Nr. 42";

    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% invoice\n");

    public static readonly byte[] Exe = [0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0xff, 0xfe];

    public static readonly byte[] Docx = Encoding.ASCII.GetBytes("PK\u0003\u0004 not really a docx");

    /// <summary>Non-ASCII headers, a Reply-To elsewhere, alternative bodies, attachments and a forwarded message with its own.</summary>
    public static MimeMessage Lure()
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Zahlungsstelle Ünïcode", "billing@evil.example"));
        message.To.Add(MailboxAddress.Parse("victim@example.org"));
        message.Cc.Add(new MailboxAddress("Team", "team@example.org"));
        message.ReplyTo.Add(MailboxAddress.Parse("collect@another.example"));
        message.Subject = Subject;
        message.Date = new DateTimeOffset(2024, 3, 1, 9, 30, 0, TimeSpan.FromHours(1));
        message.MessageId = "lure-1@evil.example";
        message.Headers.Add("Return-Path", "<bounce@bounce.example>");
        message.Headers.Add("Received", "from mx.evil.example ([203.0.113.9]) by mx.example.org with ESMTPS for <victim@example.org>; Fri, 1 Mar 2024 08:31:00 +0000");
        message.Headers.Add("Received", "from workstation by mx.evil.example; Fri, 1 Mar 2024 08:30:30 +0000");

        var inner = Plain();
        inner.Subject = "Fwd: the real invoice";
        inner.Body = new Multipart("mixed") { new TextPart("plain") { Text = "see attached" }, Attachment("application", "vnd.openxmlformats-officedocument.wordprocessingml.document", "inner.docx", Docx) };

        message.Body = new Multipart("mixed")
        {
            new MultipartAlternative
            {
                new TextPart("plain") { Text = "Pay now: https://evil.example/login?a=1&b=2.\nThanks" },
                new TextPart("html") { Text = "<p>Pay <a href=\"https://evil.example/login?a=1&amp;b=2\">now</a><img src='http://tracker.example/p.gif'> from 198.51.100.7</p>" },
            },
            Attachment("application", "pdf", "invoice.pdf", Pdf),
            Attachment("application", "octet-stream", "payload.exe", Exe),
            new MessagePart { Message = inner, ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = "forwarded.eml" } },
        };
        return message;
    }

    public static MimeMessage Plain()
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("someone@example.net"));
        message.To.Add(MailboxAddress.Parse("victim@example.org"));
        message.Subject = "hello";
        return message;
    }

    public static MimePart Attachment(string mediaType, string subtype, string name, byte[] content) => new(mediaType, subtype)
    {
        Content = new MimeContent(new MemoryStream(content)),
        ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
        ContentTransferEncoding = ContentEncoding.Base64,
        FileName = name,
    };

    public static byte[] Bytes(MimeMessage message)
    {
        using var buffer = new MemoryStream();
        message.WriteTo(buffer);
        return buffer.ToArray();
    }
}
