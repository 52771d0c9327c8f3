using Cortex.Responders;
using Cortex.Responders.Mail;
using MimeKit;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.PhishFeedback;

/// <summary>
/// Thanks the user who reported a phishing mail, with a message that depends on the analyst's verdict: the
/// responder of NVISO's "Creating Responders in The Hive" blog post, made strict. It acts on a case whose title
/// contains "Phishing report", mails the address of its <c>user_email:</c> tag, picks the body from the case
/// custom field <c>phishFeedback</c> (<c>Phishing</c>, <c>Legit email</c>, <c>Spam</c>) and tags the case
/// "mail sent". Every missing input ends the job with an error before anything is sent.
/// </summary>
public sealed class PhishFeedbackResponder : MailResponder
{
    internal const string TitleMarker = "Phishing report";

    internal const string DefaultSubject = "Your phishing report: our analysis";

    internal const string DefaultAwarenessUrl = "https://campagne.safeonweb.be/en/phishing";

    internal const string DefaultPhishingBody =
        "Hello,\n\n"
        + "Thank you for reporting the message \"{{ title }}\". Our analysts confirm it was a phishing attempt: "
        + "by reporting it you helped protect your colleagues. Keep doing so.\n\n"
        + "The security team\n";

    internal const string DefaultLegitBody =
        "Hello,\n\n"
        + "Thank you for reporting a message to us. Our analysts looked at it and it is a legitimate e-mail, "
        + "so you can act on it. We would still like to know what made it look suspicious to you: just reply to this mail.\n\n"
        + "How to recognise phishing: {{ awareness_url }}\n\n"
        + "The security team\n";

    internal const string DefaultSpamBody =
        "Hello,\n\n"
        + "Thank you for reporting a message to us. Our analysts looked at it: it is unwanted advertising (spam), "
        + "not an attack. You can delete it.\n\n"
        + "How to recognise phishing: {{ awareness_url }}\n\n"
        + "The security team\n";

    private const string Field = "phishFeedback";

    private static readonly string[] Verdicts = ["Phishing", "Legit email", "Spam"];

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        if (DataType != DataTypes.Case)
        {
            Error($"Phish_Feedback answers the reporter of a case (thehive:case), not {DataType}");
        }

        var title = GetParam<string>("data.title", message: "the case has no title: Phish_Feedback only answers cases whose title contains \"Phishing report\"")!;
        if (!title.Contains(TitleMarker, StringComparison.OrdinalIgnoreCase))
        {
            Error($"Phish_Feedback only answers cases whose title contains \"{TitleMarker}\"; this case is \"{HeaderText(title)}\"");
        }

        var to = Reporter();
        var verdict = Verdict();
        var item = verdict switch
        {
            "Phishing" => ("body_phishing", DefaultPhishingBody),
            "Legit email" => ("body_legit", DefaultLegitBody),
            _ => ("body_spam", DefaultSpamBody),
        };
        var values = new Dictionary<string, string>
        {
            ["awareness_url"] = GetParam<string>("config.awareness_url", DefaultAwarenessUrl)!,
            ["verdict"] = verdict,
        };
        var subject = RenderTemplate("subject", GetParam<string>("config.subject", DefaultSubject)!, values, cancellationToken);
        var body = RenderTemplate(item.Item1, GetParam<string>($"config.{item.Item1}", item.Item2)!, values, cancellationToken);

        var message = CreateMessage([to], subject, body);
        var reply = await SendAsync(message, cancellationToken);
        Report(new JObject
        {
            ["message"] = "feedback sent",
            ["verdict"] = verdict,
            ["to"] = new JArray(to.Address),
            ["subject"] = message.Subject,
            ["messageId"] = message.MessageId,
            ["server"] = reply,
        });
    }

    protected override IEnumerable<Operation> Operations(JObject full) => [Operation.AddTagToCase("mail sent")];

    /// <summary>
    /// The reporter: the one address of the case's <c>user_email:</c> tag. A phishing report has one reporter, so
    /// tags naming different addresses are an error (nobody is mailed) rather than a guess.
    /// </summary>
    private MailboxAddress Reporter()
    {
        var tags = GetParam<string[]>("data.tags") ?? [];
        var reporters = tags.Where(t => t.StartsWith("user_email:", StringComparison.Ordinal))
            .Select(tag => ParseAddress(tag["user_email:".Length..], $"the tag \"{HeaderText(tag)}\""))
            .DistinctBy(m => m.Address, StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (reporters.Count == 0)
        {
            Error("the reporter's address is not in the case's tags: add a tag user_email:<address>");
        }

        if (reporters.Count > 1)
        {
            Error($"the case has {reporters.Count} user_email: tags with different addresses ({string.Join(", ", reporters.Select(m => m.Address))}): a phishing report has one reporter, remove the wrong tag");
        }

        return reporters[0];
    }

    /// <summary>The custom field, as TheHive 4 sends it (<c>{"phishFeedback": {"string": …}}</c>) or as a list of <c>{name, value}</c>.</summary>
    private string Verdict()
    {
        var fields = GetParam("data.customFields");
        var value = fields switch
        {
            JObject byName => byName[Field] is JObject field ? field["string"] ?? field["value"] : byName[Field],
            JArray list => Single(list.OfType<JObject>().Where(f => (string?)f["name"] == Field).ToList())?["value"],
            _ => null,
        };
        if (value is null || value.Type == JTokenType.Null || (value.Type == JTokenType.String && ((string)value!).Length == 0))
        {
            Error($"the case custom field {Field} is not set: set it to {string.Join(", ", Verdicts)} before running Phish_Feedback");
        }

        var verdict = value.Type == JTokenType.String ? ((string)value!).Trim() : value.ToString(Newtonsoft.Json.Formatting.None);
        if (!Verdicts.Contains(verdict, StringComparer.Ordinal))
        {
            Error($"the case custom field {Field} is \"{HeaderText(verdict)}\"; it must be one of {string.Join(", ", Verdicts)}");
        }

        return verdict;

        JObject? Single(List<JObject> entries)
        {
            if (entries.Count > 1)
            {
                Error($"the case has {entries.Count} custom fields named {Field} (TheHive 5 list form): keep one");
            }

            return entries.FirstOrDefault();
        }
    }
}
