using Cortex.Responders.TestSupport;
using Cortex.Workers.Analyzers.EmlParser.Tests.PythonEmail;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Workers.Analyzers.EmlParser.Tests;

/// <summary>
/// The published EmlParser on every message of Python's own email tests: a valid output each time, and the
/// subject, the bodies and the attachments' names that Python's email package reads in them.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class PythonEmailTests
{
    private static readonly string[] MailHeaders =
        ["from", "sender", "to", "cc", "subject", "date", "message-id", "received", "return-path", "content-type", "mime-version"];

    /// <summary>Messages whose bodies MimeKit and Python read differently, each for a reason that is no fault of EmlParser's.</summary>
    private static readonly Dictionary<string, string> KnownDifferences = new(StringComparer.Ordinal)
    {
        // "counter to RFC 2822, there's no separating newline here": a header line without a colon and no blank
        // line; Python ends the headers there and makes it the body, MimeKit drops the line as a broken header.
        ["msg_35.txt"] = "no blank line after the headers",
        // Boundary lines of the outer multiparts inside a nested text part, written to trip parsers: Python and
        // MimeKit cut the text at different lines (the same words, split into 4 bodies by Python, 3 by MimeKit).
        ["msg_38.txt"] = "boundaries inside a nested part",
    };

    private static string root = string.Empty;

    [OneTimeSetUp]
    public async Task PublishAnalyzers() => root = await PublishedAnalyzers.PublishAsync("EmlParser");

    [TestCaseSource(typeof(PythonEmail.PythonEmail), nameof(PythonEmail.PythonEmail.Messages))]
    public async Task MessageReadsAsPythonReadsIt(string name)
    {
        File.Exists(Path.Combine(PythonEmail.PythonEmail.Folder, name)).Should().BeTrue(
            $"Python's email test messages are in {PythonEmail.PythonEmail.Folder}: apt-get install libpython3.11-testsuite");
        using var job = EmlJob.Create(await File.ReadAllBytesAsync(Path.Combine(PythonEmail.PythonEmail.Folder, name)), name);

        var run = await job.RunAsync(root, EmlJob.Command);

        run.Output.Should().NotBeNull(run.ToString());
        var python = PythonEmail.PythonEmail.Read(name);
        if (!python["headers"]!.Values<string>().Intersect(MailHeaders).Any())
        {
            // Python reads any text as a message; with no header a mail has, EmlParser says it is none.
            run.Success.Should().BeFalse(run.ToString());
            run.ErrorMessage.Should().StartWith($"{name} is not a mail message: ");
            return;
        }

        run.Success.Should().BeTrue(run.ToString());
        var full = (JObject)run.Output!["full"]!;
        var subjects = full["headers"]!["subject"]!.Values<string>();
        if ((string?)python["subject"] is { } subject)
        {
            subjects.Select(value => Words(value!)).Should().Equal([Words(subject)], "the Subject as Python decodes it");
        }
        else
        {
            subjects.Should().BeEmpty();
        }

        // An empty body says nothing to compare (Python gives one for each header block of a delivery status).
        var ours = full["body"]!["text_plain"]!.Concat(full["body"]!["text_html"]!)
            .Select(body => ((string)body["content_type"]!, Words((string)body["content"]!))).Where(body => body.Item2.Length > 0).ToList();
        var theirs = python["bodies"]!.Select(body => ((string)body["type"]! == "text/html" ? "text/html" : "text/plain", Words((string)body["text"]!)))
            .Where(body => body.Item2.Length > 0).ToList();
        if (KnownDifferences.TryGetValue(name, out var difference))
        {
            ours.Should().NotBeEquivalentTo(theirs, $"the known difference ({difference}) still holds, else take it off the list");
        }
        else
        {
            ours.Should().BeEquivalentTo(theirs, "every inline text part is a body, decoded as Python decodes it");
        }

        var names = full["attachments"]!.Select(attachment => (string)attachment["filename"]!).ToList();
        python["attachments"]!.Values<string>().Except(names).Should().BeEmpty("every named part is an attachment");
        foreach (var attachment in full["attachments"]!)
        {
            ((string?)attachment["hash"]!["sha256"]).Should().HaveLength(64);
        }
    }

    /// <summary>The text as words: line ends, folding and runs of blanks do not count; characters a charset could not give do not either.</summary>
    private static string Words(string text) =>
        string.Join(' ', text.Replace('\uFFFD', ' ').Split((char[])[' ', '\t', '\r', '\n', '\f', '\v'], StringSplitOptions.RemoveEmptyEntries));
}
