using MimeKit;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Analyzers.EmlParser.Mail;

/// <summary>
/// The report's <c>headers</c>, in 2.1's shape: each header a list of its decoded values (one per occurrence),
/// <c>date</c> the Date header as written, <c>received</c> the hops read by <see cref="ReceivedLine"/>; and
/// the IOCs of the headers (Received hosts, addresses). Each value is cut at <see cref="Bounds.HeaderChars"/>.
/// </summary>
internal static class HeaderReport
{
    /// <summary>The lists of 2.1's report, by lower-case header name.</summary>
    public static readonly string[] Lists = ["subject", "from", "to", "cc", "bcc", "reply-to", "return-path", "delivered-to", "x-delivered-to"];

    private const int MaxReceived = 100;

    public static JObject Build(HeaderList headers, Bounds bounds, IocSet iocs)
    {
        var json = new JObject();
        foreach (var name in Lists)
        {
            json[name] = new JArray(Values(headers, name, bounds));
        }

        json["date"] = Values(headers, "date", bounds).FirstOrDefault() ?? string.Empty;
        var received = new JArray();
        foreach (var line in Values(headers, "received", bounds))
        {
            if (received.Count == MaxReceived)
            {
                bounds.Cut($"headers.received: only the first {MaxReceived} Received headers are read");
                break;
            }

            var hop = ReceivedLine.Parse(line);
            received.Add(hop);
            foreach (var host in hop["from"]!.Concat(hop["by"]!).Select(token => (string)token!))
            {
                iocs.Add(IocPatterns.Ipv4().IsMatch(host) ? "ip" : "domain", host, "header:Received", "mail-relay");
            }

            foreach (var address in hop["for"]!.Select(token => (string)token!))
            {
                iocs.Add("email", address, "header:Received_foremail", "envelope");
            }
        }

        json["received"] = received;
        return json;
    }

    /// <summary>The IOCs of the address headers, with 2.1's tags (and Return-Path's, which 2.1 does not read).</summary>
    public static void AddressIocs(MimeMessage message, string? returnPath, IocSet iocs)
    {
        foreach (var mailbox in message.From.Mailboxes)
        {
            iocs.Add("email", mailbox.Address, "header:From", "envelope");
            iocs.Add("domain", IocPatterns.DomainOf(mailbox.Address) ?? string.Empty, "header:From", "sender-domain");
        }

        foreach (var mailbox in message.ReplyTo.Mailboxes)
        {
            iocs.Add("email", mailbox.Address, "header:Reply-To", "envelope");
            iocs.Add("domain", IocPatterns.DomainOf(mailbox.Address) ?? string.Empty, "header:Reply-To", "reply-to-domain");
        }

        foreach (var (tag, list) in new[] { ("header:To", message.To), ("header:Cc", message.Cc), ("header:Bcc", message.Bcc) })
        {
            foreach (var mailbox in list.Mailboxes)
            {
                iocs.Add("email", mailbox.Address, tag, "envelope");
            }
        }

        foreach (var header in message.Headers.Where(header => header.Field.Equals("Delivered-To", StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var address in IocPatterns.Email().Matches(Cut(HeaderText.Of(header))).Select(m => m.Value))
            {
                iocs.Add("email", address, "header:To", "envelope");
            }
        }

        if (returnPath is not null)
        {
            iocs.Add("email", returnPath, "header:Return-Path", "envelope");
        }
    }

    /// <summary>The decoded, unfolded values of a header, each cut at <see cref="Bounds.HeaderChars"/>.</summary>
    public static IEnumerable<string> Values(HeaderList headers, string name, Bounds bounds)
    {
        foreach (var header in headers.Where(header => header.Field.Equals(name, StringComparison.OrdinalIgnoreCase)))
        {
            var value = Unfold(HeaderText.Of(header));
            if (value.Length > Bounds.HeaderChars || HeaderText.IsLong(header))
            {
                bounds.Cut($"headers.{name}: a value of {Bounds.Number(header.RawValue.Length)} bytes is cut at {Bounds.Number(Bounds.HeaderChars)} characters");
                value = value.Length > Bounds.HeaderChars ? value[..Bounds.HeaderChars] : value;
            }

            yield return value;
        }
    }

    /// <summary>A part's headers as 2.1's <c>content_header</c>: lower-case name → its values.</summary>
    public static JObject ContentHeader(HeaderList headers)
    {
        var json = new JObject();
        foreach (var header in headers)
        {
            var name = header.Field.ToLowerInvariant();
            if (json[name] is not JArray values)
            {
                json[name] = values = [];
            }

            values.Add(Cut(Unfold(HeaderText.Of(header))));
        }

        return json;
    }

    private static string Cut(string value) => value.Length > Bounds.HeaderChars ? value[..Bounds.HeaderChars] : value;

    /// <summary>One line: folding and runs of white space become one space (linear in the value).</summary>
    private static string Unfold(string value)
    {
        var builder = new System.Text.StringBuilder(Math.Min(value.Length, Bounds.HeaderChars * 2));
        var space = false;
        foreach (var c in value)
        {
            if (c is '\r' or '\n' or '\t' or ' ')
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
