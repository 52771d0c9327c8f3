using Cortex.Workers.Analyzers.EmlParser.Mail;
using Cortex.Responders;
using MimeKit;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Analyzers.EmlParser;

/// <summary>
/// Parses a reported mail (a <c>file</c> observable, an .eml): the full report holds its headers (From, To, Cc,
/// Subject, Date, Message-ID, the Received chain, Reply-To, Return-Path), its text and HTML bodies (size-bounded),
/// its attachments with those of attached messages (name, type, size, MD5/SHA-1/SHA-256) and the URLs of its
/// bodies; the summary counts attachments and flags the usual signs of a lure; the artifacts are the addresses,
/// the subject, the URLs, the attachments' hashes and each attachment as a file.
/// </summary>
public sealed class EmlParserAnalyzer : Analyzer
{
    private static readonly string[] ExecutableExtensions =
        [".exe", ".scr", ".com", ".bat", ".cmd", ".pif", ".js", ".jse", ".vbs", ".vbe", ".wsf", ".hta", ".ps1", ".jar", ".msi", ".lnk", ".iso", ".img"];

    private ParsedMessage? parsed;

    protected override Task RunAsync(CancellationToken cancellationToken)
    {
        var file = GetInputFile();
        try
        {
            using (var stream = file.OpenRead())
            {
                parsed = ParsedMessage.Load(stream, cancellationToken);
            }
        }
        catch (FormatException e)
        {
            Error($"{file.FileName} is not a mail message: {e.Message.TrimEnd('.')}; give EmlParser an .eml file (RFC 5322, as a mail client saves it)");
        }

        try
        {
            Report(new JObject
            {
                ["headers"] = parsed!.Headers(),
                ["body"] = new JObject
                {
                    ["text"] = BodyText.ToJson(parsed.Message.TextBody),
                    ["html"] = BodyText.ToJson(parsed.Message.HtmlBody),
                },
                ["attachments"] = new JArray(parsed.Attachments.Select(attachment => new JObject
                {
                    ["name"] = attachment.Name,
                    ["contentType"] = attachment.ContentType,
                    ["size"] = attachment.Size,
                    ["md5"] = attachment.Md5,
                    ["sha1"] = attachment.Sha1,
                    ["sha256"] = attachment.Sha256,
                    ["inMessage"] = attachment.InMessage,
                })),
                ["urls"] = new JArray(parsed.Urls),
            });
        }
        finally
        {
            parsed?.Dispose();
        }

        return Task.CompletedTask;
    }

    protected override JObject Summary(JObject full)
    {
        var message = parsed!.Message;
        var taxonomies = new JArray(BuildTaxonomy("info", "EmlParser", "Attachments", parsed.Attachments.Count));
        var from = message.From.Mailboxes.Select(mailbox => mailbox.Address.ToLowerInvariant()).ToHashSet();
        if (message.ReplyTo.Mailboxes.Any(mailbox => !from.Contains(mailbox.Address.ToLowerInvariant())))
        {
            taxonomies.Add(BuildTaxonomy("suspicious", "EmlParser", "ReplyTo", "differs from From"));
        }

        var fromDomains = message.From.Mailboxes.Select(mailbox => mailbox.Domain.ToLowerInvariant()).ToHashSet();
        if (parsed.ReturnPath is { } returnPath && MailboxAddress.TryParse(returnPath, out var sender) && fromDomains.Count > 0
            && !fromDomains.Contains(sender.Domain.ToLowerInvariant()))
        {
            taxonomies.Add(BuildTaxonomy("info", "EmlParser", "ReturnPath", "other domain than From"));
        }

        var executables = parsed.Attachments.Count(attachment => ExecutableExtensions.Contains(Path.GetExtension(attachment.Name).ToLowerInvariant()));
        if (executables > 0)
        {
            taxonomies.Add(BuildTaxonomy("suspicious", "EmlParser", "Executables", executables));
        }

        return new JObject { [ReportKeys.Taxonomies] = taxonomies };
    }

    protected override IEnumerable<JObject> Artifacts(JObject full)
    {
        var message = parsed!.Message;
        var artifacts = new List<JObject>();
        var seen = new HashSet<(string, string)>();
        void Add(string dataType, string? data, string note)
        {
            if (!string.IsNullOrWhiteSpace(data) && seen.Add((dataType, data)))
            {
                artifacts.Add(BuildArtifact(dataType, data, new JObject { ["message"] = note }));
            }
        }

        foreach (var (role, list) in new[] { ("From", message.From), ("Reply-To", message.ReplyTo), ("To", message.To), ("Cc", message.Cc) })
        {
            foreach (var mailbox in list.Mailboxes)
            {
                Add(ObservableTypes.Mail, mailbox.Address, $"{role} address");
            }
        }

        Add(ObservableTypes.Mail, parsed.ReturnPath, "Return-Path address");
        Add(ObservableTypes.MailSubject, message.Subject, "Subject");
        foreach (var url in parsed.Urls)
        {
            Add(ObservableTypes.Url, url, "URL in the body");
        }

        foreach (var attachment in parsed.Attachments)
        {
            Add(ObservableTypes.Hash, attachment.Md5, $"MD5 of {attachment.Name}");
            Add(ObservableTypes.Hash, attachment.Sha1, $"SHA-1 of {attachment.Name}");
            Add(ObservableTypes.Hash, attachment.Sha256, $"SHA-256 of {attachment.Name}");
            artifacts.Add(BuildArtifact(ObservableTypes.File, attachment.Path, new JObject { ["message"] = $"attachment of {GetObservable()}" }));
        }

        return artifacts;
    }
}
