using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using MimeKit;
using MimeKit.Utils;
using Newtonsoft.Json.Linq;
using Scriban.Runtime;

namespace Cortex.Responders.Mail;

/// <summary>
/// A responder that sends mail. It reads the SMTP configuration items of Cortex-Analyzers' Mailer
/// (<c>from</c>, <c>smtp_host</c>, <c>smtp_port</c>, <c>smtp_user</c>, <c>smtp_pwd</c>) plus <c>smtp_security</c>
/// (<c>auto</c>, <c>tls</c>, <c>starttls</c>, <c>none</c>) and <c>smtp_timeout</c> (seconds), and every failure ends the
/// job with a one-line error that says what to fix and holds no password.
/// </summary>
/// <remarks>
/// The connection: implicit TLS on port 465 (or with <c>smtp_security: tls</c>), otherwise STARTTLS whenever the
/// server offers it (required with <c>starttls</c>, never with <c>none</c>); the server's certificate must be valid for <c>smtp_host</c>
/// with the system's roots or the job's CA certificates. The password is sent only over TLS, and only when
/// both <c>smtp_user</c> and <c>smtp_pwd</c> are set (the Python Mailer's placeholders <c>user</c>/<c>pwd</c>
/// count as unset).
/// </remarks>
public abstract partial class MailResponder : Responder
{
    private SmtpSettings? smtp;

    /// <summary>The sender, <c>config.from</c>.</summary>
    protected MailboxAddress Sender => Smtp.From;

    private SmtpSettings Smtp => smtp ??= ReadSmtpSettings();

    /// <summary>
    /// Parses one address or a comma-separated list. Anything else (no <c>@</c>, a line break that could
    /// inject a header, a group) ends the job with an error naming <paramref name="origin"/>.
    /// </summary>
    /// <param name="text">The addresses, e.g. a tag's value.</param>
    /// <param name="origin">Where they come from, for the error message (<c>the tag "mail=…"</c>).</param>
    /// <returns>The mailboxes, at least one.</returns>
    protected IReadOnlyList<MailboxAddress> ParseAddresses(string text, string origin)
    {
        if (ControlCharacters().IsMatch(text))
        {
            Error($"{origin} holds a line break or another control character; remove it (addresses must be on one line)");
        }

        if (!InternetAddressList.TryParse(ParserOptions.Default, text, out var list) || list.Count == 0)
        {
            Error($"{origin} is not an e-mail address: \"{Shorten(text)}\"");
        }

        var mailboxes = new List<MailboxAddress>();
        foreach (var address in list)
        {
            if (address is MailboxAddress { LocalPart.Length: > 0, Domain.Length: > 0 } mailbox)
            {
                mailboxes.Add(mailbox);
            }
            else
            {
                Error($"{origin} is not an e-mail address: \"{Shorten(text)}\"");
            }
        }

        return mailboxes;
    }

    /// <summary>
    /// Parses exactly one address, an addr-spec (<c>local@domain</c>): a list, a display name, a space, a
    /// comma or a line break ends the job with an error naming <paramref name="origin"/>, before anything is
    /// sent. One tag, one line or one list entry means one recipient.
    /// </summary>
    /// <param name="text">The address, e.g. a tag's value.</param>
    /// <param name="origin">Where it comes from, for the error message (<c>the tag "mail=…"</c>).</param>
    /// <returns>The mailbox.</returns>
    protected MailboxAddress ParseAddress(string text, string origin)
    {
        ArgumentNullException.ThrowIfNull(text);
        var address = text.Trim();
        if (address.Length == 0)
        {
            Error($"{origin} is not an e-mail address: it is empty");
        }

        if (address.Any(char.IsControl))
        {
            Error($"{origin} holds a line break or another control character; remove it (one address, on one line)");
        }

        if (address.Any(c => char.IsWhiteSpace(c) || c is ',' or ';' or '<' or '>' or '(' or ')' or '"' or '[' or ']' or '\\'))
        {
            Error($"{origin} must hold one e-mail address (local@domain), not \"{Shorten(text)}\": write one address per tag or entry, without name, space or separator");
        }

        if (!MailboxAddress.TryParse(ParserOptions.Default, address, out var mailbox)
            || mailbox.Name is { Length: > 0 }
            || mailbox.LocalPart is not { Length: > 0 }
            || mailbox.Domain is not { Length: > 0 }
            || address.Count(c => c == '@') != 1)
        {
            Error($"{origin} is not an e-mail address (local@domain): \"{Shorten(text)}\"");
        }

        return mailbox;
    }

    /// <summary>
    /// A plain-text UTF-8 message from <see cref="Sender"/>, with <c>Date</c> and a <c>Message-ID</c> in the
    /// sender's domain. Line breaks and control characters in <paramref name="subject"/> become spaces, so data
    /// from TheHive cannot add headers.
    /// </summary>
    /// <param name="to">The recipients.</param>
    /// <param name="subject">The subject.</param>
    /// <param name="body">The body.</param>
    /// <returns>The message, ready for <see cref="SendAsync"/>.</returns>
    protected MimeMessage CreateMessage(IEnumerable<MailboxAddress> to, string subject, string body)
    {
        var message = new MimeMessage();
        message.From.Add(Sender);
        message.To.AddRange(to);
        message.Subject = HeaderText(subject);
        message.Date = DateTimeOffset.Now;
        message.MessageId = MimeUtils.GenerateMessageId(Sender.Domain);
        var text = new TextPart("plain");
        // A bare CR is not allowed on the wire (RFC 5321 2.3.8) and "\r.\r\n" is an SMTP smuggling sequence.
        text.SetText(Encoding.UTF8, (body ?? string.Empty).ReplaceLineEndings("\n"));
        message.Body = text;
        return message;
    }

    /// <summary>
    /// Renders a subject or body template (Scriban syntax, <c>{{ title }}</c>) over the job's TheHive object: its
    /// fields are at the root (<c>{{ data }}</c> of an observable, <c>{{ title }}</c> of a case), and <c>job</c> holds
    /// <c>dataType</c>, <c>tlp</c>, <c>pap</c>, <c>message</c>, <c>organisation</c>, <c>user</c> and <c>label</c> (a one-line
    /// name of the object, such as "Case #157: Phishing report"). A placeholder the object does not have, or a
    /// template that does not parse, ends the job with an error naming <paramref name="itemName"/>.
    /// </summary>
    /// <param name="itemName">The configuration item the template comes from.</param>
    /// <param name="template">The template.</param>
    /// <param name="values">More values at the root, e.g. links from the configuration.</param>
    /// <param name="cancellationToken">Stops a runaway template when the job is stopped.</param>
    /// <returns>The rendered text.</returns>
    protected string RenderTemplate(string itemName, string template, IReadOnlyDictionary<string, string>? values = null, CancellationToken cancellationToken = default)
    {
        var data = GetData() as JObject;
        if (data is null)
        {
            Error($"{itemName} is rendered over the TheHive object, but this job's data is not a JSON object");
        }

        var model = MailTemplate.Model(data);
        model["job"] = JobModel(data);
        foreach (var (name, value) in values ?? new Dictionary<string, string>())
        {
            model[name] = value;
        }

        string? failure;
        try
        {
            return MailTemplate.Render(itemName, template, model, cancellationToken);
        }
        catch (MailTemplateException exception)
        {
            failure = exception.Message;
        }

        throw Fail(failure);
    }

    /// <summary>
    /// Sends <paramref name="message"/> through the configured SMTP server (see the class remarks), within
    /// <c>smtp_timeout</c> for connecting and for each exchange. Any failure ends the job with an error.
    /// </summary>
    /// <param name="message">The message; <see cref="CreateMessage"/> makes one.</param>
    /// <param name="cancellationToken">The job's token.</param>
    /// <returns>The server's answer to the message (e.g. "2.0.0 Ok: queued as …").</returns>
    protected async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = Smtp;

        // Loaded here, on the job's own thread, so that malformed CA certificates end the job with their own
        // error rather than as a refused certificate inside the TLS handshake.
        _ = CaCertificates;
        var sender = new SmtpSender(settings, ValidateServerCertificate, RecordAction, Logger);
        var (reply, failure) = await sender.TrySendAsync(message, cancellationToken);
        if (failure is not null)
        {
            Error(failure);
        }

        Logger.LogInformation("Mail {MessageId} sent to {Recipients} through {Server}: {Reply}", message.MessageId, string.Join(", ", message.To.Mailboxes.Select(m => m.Address)), settings.Server, reply);
        return reply!;
    }

    /// <summary>Makes <paramref name="text"/> fit one header line: line breaks and control characters become spaces.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The text on one line.</returns>
    protected static string HeaderText(string text) => ControlCharacters().Replace(text ?? string.Empty, " ").Trim();

    private ScriptObject JobModel(JObject data) => new()
    {
        ["dataType"] = DataType,
        ["tlp"] = Tlp,
        ["pap"] = Pap,
        ["message"] = GetParam<string>("message", string.Empty),
        ["organisation"] = GetParam<string>("parameters.organisation", string.Empty),
        ["user"] = GetParam<string>("parameters.user", string.Empty),
        ["label"] = ObjectLabel.Of(DataType, data),
    };

    internal static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    internal static string Shorten(string text) => text.Length <= 80 ? HeaderText(text) : HeaderText(text[..77]) + "...";

    [GeneratedRegex(@"[\x00-\x1f\x7f]+")]
    internal static partial Regex ControlCharacters();
}
