using Cortex.Responders;
using Cortex.Responders.Mail;
using MimeKit;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Mailer;

/// <summary>
/// A port of Cortex-Analyzers' Mailer, with a second flavor. <c>Mailer</c> mails a case or an alert to the
/// addresses of its <c>mail=</c>/<c>mail:</c> tags, or a task to the address on the first line of its
/// description (<c>mailto:</c>/<c>mailto=</c>, the rest being the body). <c>Mailer_Notification</c>
/// (<c>config.service: notification</c>) mails any TheHive object to the fixed list <c>config.to</c>, with
/// subject and body templates over the object.
/// </summary>
public sealed class MailerResponder : MailResponder
{
    /// <summary>How a task's first line names its recipient, as the Python Mailer reads it.</summary>
    private static readonly string[] MailtoMarkers = ["mailto:", "mailto="];

    internal const string DefaultSubjectTemplate = "[TheHive] {{ job.label }}";

    internal const string DefaultBodyTemplate = "{{ job.label }}\n\nTLP {{ job.tlp }}, PAP {{ job.pap }}, sent from TheHive by {{ job.user }} ({{ job.organisation }}).\n";

    private const string Tag = "mail sent";

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        var service = GetParam<string>("config.service", "mailer");
        var (to, subject, body) = service switch
        {
            "mailer" => ComposeFromObject(),
            "notification" => ComposeNotification(cancellationToken),
            _ => Unknown(service!),
        };

        var message = CreateMessage(to, subject, body);
        var reply = await SendAsync(message, cancellationToken);
        Report(new JObject
        {
            ["message"] = "message sent",
            ["to"] = new JArray(to.Select(m => m.Address)),
            ["subject"] = message.Subject,
            ["messageId"] = message.MessageId,
            ["server"] = reply,
        });
    }

    // TheHive 4/5 find the related case of a case, a task or a task log, not of an alert or an observable,
    // so those are tagged themselves (the Python Mailer sends AddTagToCase for an alert, which TheHive rejects).
    protected override IEnumerable<Operation> Operations(JObject full) => [Operation.AddTag(DataType, Tag)];

    private (IReadOnlyList<MailboxAddress> To, string Subject, string Body) ComposeFromObject()
    {
        if (DataType is not (DataTypes.Case or DataTypes.Alert or DataTypes.Task))
        {
            Error($"the Mailer flavor sends thehive:case, thehive:alert and thehive:case_task objects, not {DataType}; use Mailer_Notification for other data types");
        }

        var title = GetParam<string>("data.title", message: "title is missing: the Mailer sends the title of the case, alert or task as the subject")!;
        switch (DataType)
        {
            case DataTypes.Case:
                return (RecipientsFromTags("case"), Subject(title, GetParam("data")), Description());
            case DataTypes.Alert:
                return (RecipientsFromTags("alert"), title, Description());
            case DataTypes.Task:
                var lines = Description().ReplaceLineEndings("\n").Split('\n');
                var first = lines[0];
                var marker = MailtoMarkers.Select(m => (Marker: m, At: first.IndexOf(m, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(m => m.At >= 0);
                if (marker.Marker is null)
                {
                    Error("recipient address not found in description: the task description's first line must be mailto:<address> (the rest is the body)");
                }

                IReadOnlyList<MailboxAddress> to = [ParseAddress(first[(marker.At + marker.Marker.Length)..], "the first line of the task description")];
                var body = string.Join('\n', lines.Skip(1));
                return (to, Subject(title, GetParam("data.case")), body);
            default:
                throw new InvalidOperationException($"unexpected data type {DataType}");
        }
    }

    private (IReadOnlyList<MailboxAddress> To, string Subject, string Body) ComposeNotification(CancellationToken cancellationToken)
    {
        var recipients = new List<MailboxAddress>();
        var to = GetParam("config.to");
        var entries = to switch
        {
            null => [],
            JArray array => array.Select(e => e.Type == JTokenType.String ? (string)e! : Invalid(e)).ToList(),
            { Type: JTokenType.String } => [(string)to!],
            _ => [Invalid(to)],
        };
        foreach (var (entry, index) in entries.Select((e, i) => (e, i)).Where(e => !string.IsNullOrWhiteSpace(e.e)))
        {
            recipients.Add(ParseAddress(entry, $"config.to entry {index + 1}"));
        }

        if (recipients.Count == 0)
        {
            Error("config.to is empty: list the recipients of the notifications in the Mailer_Notification configuration (to)");
        }

        var subject = RenderTemplate("subject_template", GetParam<string>("config.subject_template", DefaultSubjectTemplate)!, cancellationToken: cancellationToken);
        var body = RenderTemplate("body_template", GetParam<string>("config.body_template", DefaultBodyTemplate)!, cancellationToken: cancellationToken);
        return (Distinct(recipients), subject, body);

        string Invalid(JToken entry)
        {
            throw Fail($"config.to must be a list of e-mail addresses, but it holds {entry.Type.ToString().ToLowerInvariant()} {entry.ToString(Newtonsoft.Json.Formatting.None)}");
        }
    }

    private List<MailboxAddress> RecipientsFromTags(string kind)
    {
        var tags = GetParam<string[]>("data.tags", message: $"recipient address not found in tags: this {kind} has no tags; add a tag mail=<address>")!;
        var recipients = new List<MailboxAddress>();
        foreach (var tag in tags)
        {
            if (tag.StartsWith("mail=", StringComparison.Ordinal) || tag.StartsWith("mail:", StringComparison.Ordinal))
            {
                recipients.Add(ParseAddress(tag[5..], $"the tag \"{HeaderText(tag)}\""));
            }
        }

        if (recipients.Count == 0)
        {
            Error($"recipient address not found in tags: add a tag mail=<address> to the {kind}");
        }

        return Distinct(recipients);
    }

    private string Description() => GetParam<string>("data.description", message: "description is missing: the Mailer sends the description as the body")!;

    /// <summary>"[Case #157] title" when the case number is known (caseId in TheHive 4, number in 5), else the title.</summary>
    private static string Subject(string title, JToken? caseObject)
    {
        var number = caseObject?["caseId"] ?? caseObject?["number"];
        return number is { Type: JTokenType.Integer or JTokenType.String } && HeaderText(number.ToString()) is { Length: > 0 } text
            ? $"[Case #{text}] {title}"
            : title;
    }

    private static List<MailboxAddress> Distinct(IEnumerable<MailboxAddress> mailboxes) =>
        mailboxes.DistinctBy(m => m.Address, StringComparer.OrdinalIgnoreCase).ToList();

    private (IReadOnlyList<MailboxAddress>, string, string) Unknown(string service)
    {
        throw Fail($"config.service must be \"mailer\" (flavor Mailer) or \"notification\" (flavor Mailer_Notification), not \"{HeaderText(service)}\"");
    }
}
