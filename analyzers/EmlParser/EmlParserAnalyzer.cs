using System.Text;
using Microsoft.Extensions.Logging;
using Cortex.Responders;
using Cortex.Workers.Analyzers.EmlParser.Mail;
using MimeKit;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Analyzers.EmlParser;

/// <summary>
/// Parses a reported mail (a <c>file</c> observable, an .eml) into the report of Cortex-Analyzers' EmlParser 2.1
/// (headers, bodies, attachments with their hashes, IOCs, the raw mail), bounded (the report says what was
/// cut); the summary counts attachments and URLs and flags the usual signs of a lure; the artifacts are 2.1's,
/// tagged as 2.1 tags them, with each attachment as a file decoded straight into output/.
/// </summary>
public sealed class EmlParserAnalyzer : Analyzer
{
    private static readonly string[] ExecutableExtensions =
        [".exe", ".scr", ".com", ".bat", ".cmd", ".pif", ".js", ".jse", ".vbs", ".vbe", ".wsf", ".hta", ".ps1", ".jar", ".msi", ".lnk", ".iso", ".img"];

    private ParsedMessage? parsed;
    private IocSet? iocs;

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        var file = GetInputFile();
        var autoExtract = GetParam("config.auto_extract", GetParam("config.auto_extract_artifacts", true));
        var bounds = new Bounds();
        iocs = new IocSet(bounds);
        using var files = new OutputFiles(autoExtract && JobDirectory is not null ? OutputFiles.OutputFolder(JobDirectory) : null, file.Length);
        using var stream = file.OpenRead();
        try
        {
            parsed = ParsedMessage.Load(stream, files, bounds, iocs, cancellationToken);
        }
        catch (FormatException e)
        {
            Error($"{file.FileName} is not a mail message: {e.Message.TrimEnd('.')}; give EmlParser an .eml file (RFC 5322, as a mail client saves it)");
        }

        var headers = HeaderReport.Build(parsed!.Message.Headers, bounds, iocs);
        HeaderReport.AddressIocs(parsed.Message, parsed.ReturnPath, iocs);
        foreach (var attachment in parsed.Attachments)
        {
            var entry = iocs.Add("hash", attachment.Hashes.Sha256, $"content-type:{attachment.DeclaredType}");
            if (entry is not null)
            {
                entry["filename"] = attachment.Filename;
            }
        }

        var (renderings, visualisation) = await RenderAsync(cancellationToken).ConfigureAwait(false);
        Report(ReportBuilder.Build(parsed, headers, iocs, bounds, RawEmail(stream, bounds), renderings, visualisation));
        if (JobDirectory is null || ReportWasWritten(JobDirectory))
        {
            files.Keep();
        }
    }

    protected override JObject Summary(JObject full)
    {
        var message = parsed!.Message;
        var taxonomies = new JArray(
            BuildTaxonomy("info", "EmlParser", "Attachments", parsed.AttachmentCount),
            BuildTaxonomy("info", "EmlParser", "Urls", iocs!["url"].Count));
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

        var executables = parsed.Attachments.Count(attachment => ExecutableExtensions.Contains(Path.GetExtension(attachment.Filename).ToLowerInvariant()));
        if (executables > 0)
        {
            taxonomies.Add(BuildTaxonomy("suspicious", "EmlParser", "Executables", executables));
        }

        return new JObject { [ReportKeys.Taxonomies] = taxonomies };
    }

    protected override IEnumerable<JObject> Artifacts(JObject full)
    {
        if (!GetParam("config.auto_extract", GetParam("config.auto_extract_artifacts", true)))
        {
            return [];
        }

        var artifacts = new List<JObject>();
        JObject Tagged(IEnumerable<string> tags) => new() { [ArtifactKeys.Tags] = new JArray(tags.Distinct()) };
        foreach (var (kind, dataType, autoImport) in new[] { ("url", ObservableTypes.Url, true), ("ip", ObservableTypes.Ip, true),
                     ("email", ObservableTypes.Mail, true), ("domain", ObservableTypes.Domain, false) })
        {
            foreach (var ioc in iocs![kind])
            {
                var tags = ioc["tag"]!.Values<string>().Select(tag => tag!);
                artifacts.Add(BuildArtifact(dataType, (string)ioc["data"]!, Tagged(autoImport ? tags.Append("autoImport:true") : tags)));
            }
        }

        if (full["headers"]?["subject"]?.FirstOrDefault() is JValue { Value: string subject } && !string.IsNullOrWhiteSpace(subject))
        {
            artifacts.Add(BuildArtifact(ObservableTypes.MailSubject, subject, Tagged(["header:Subject"])));
        }

        var seen = new HashSet<(string, string)>();
        foreach (var attachment in parsed!.Attachments)
        {
            string[] tags = ["body:attachment", "autoImport:true", $"content-type:{attachment.DeclaredType}"];
            if (seen.Add((ObservableTypes.Hash, attachment.Hashes.Sha256)))
            {
                artifacts.Add(BuildArtifact(ObservableTypes.Hash, attachment.Hashes.Sha256, Tagged(tags)));
            }

            if (seen.Add((ObservableTypes.Filename, attachment.Filename)))
            {
                artifacts.Add(BuildArtifact(ObservableTypes.Filename, attachment.Filename, Tagged(tags)));
            }

            if (attachment.OutputName is { } name)
            {
                // Decoded into output/ already, under a name Cortex attaches: no second copy.
                var artifact = Tagged(tags);
                artifact[ArtifactKeys.DataType] = ObservableTypes.File;
                artifact[ArtifactKeys.File] = name;
                artifact[ArtifactKeys.Filename] = SafeName(attachment.Filename);
                artifact[ArtifactKeys.Message] = $"attachment of {GetObservable()}";
                artifacts.Add(artifact);
            }
        }

        return artifacts;
    }

    private async Task<(Dictionary<MailBody, (string?, string?)>, string?)> RenderAsync(CancellationToken cancellationToken)
    {
        var renderings = new Dictionary<MailBody, (string?, string?)>();
        if (!GetParam("config.email_visualisation", false))
        {
            return (renderings, null);
        }

        var renderer = new HtmlRenderer(GetParam("config.wkhtmltoimage_path", "/usr/bin/wkhtmltoimage")!);
        if (renderer.Unavailable is { } reason)
        {
            Logger.LogWarning("{Reason}", reason);
            return (renderings, reason);
        }

        var bodies = parsed!.Bodies.Where(body => body.IsHtml && body.InMessage is null).Take(5).ToList();
        if (bodies.Count > 0)
        {
            // Deleted on every way out of here: a drawing that failed, a job stopped meanwhile.
            using var folder = RenderingFolder.Create(JobDirectory);
            foreach (var body in bodies)
            {
                renderings[body] = await renderer.RenderAsync(body.Text, folder, cancellationToken).ConfigureAwait(false);
            }
        }

        return (renderings, renderings.Count == 0 ? "email_visualisation is on, but the message has no HTML body to draw" : "rendered with wkhtmltoimage");
    }

    /// <summary>
    /// The message as its file holds it, up to <see cref="Bounds.RawEmailBytes"/>, each attachment's encoded bytes
    /// left out and named in their place: the report never carries an attachment.
    /// </summary>
    private string RawEmail(Stream stream, Bounds bounds)
    {
        var raw = new MemoryStream();
        var position = 0L;
        void Copy(long end)
        {
            stream.Position = position;
            var count = (int)Math.Min(end - position, Bounds.RawEmailBytes - raw.Length);
            var buffer = new byte[Math.Max(count, 0)];
            stream.ReadExactly(buffer);
            raw.Write(buffer);
        }

        foreach (var (start, end, name) in parsed!.Omitted.Where(range => range.Start >= 0).OrderBy(range => range.Start))
        {
            if (start < position || raw.Length >= Bounds.RawEmailBytes)
            {
                continue;
            }

            Copy(start);
            raw.Write(Encoding.UTF8.GetBytes($"[{Bounds.Number(end - start)} bytes of {name} left out: see the attachment]\r\n"));
            position = end;
        }

        Copy(stream.Length);
        if (raw.Length >= Bounds.RawEmailBytes && position + raw.Length < stream.Length)
        {
            bounds.Cut($"raw_email: the first {Bounds.Number(Bounds.RawEmailBytes)} bytes of {Bounds.Number(stream.Length)}");
        }

        return Encoding.UTF8.GetString(raw.GetBuffer(), 0, (int)raw.Length);
    }

    /// <summary>
    /// Whether output.json is this report, not the error of a stop that came first (the first output wins):
    /// only then may the files it names stay.
    /// </summary>
    private static bool ReportWasWritten(string jobDirectory)
    {
        try
        {
            using var output = File.OpenRead(JobFolder.OutputFile(jobDirectory));
            var head = new byte[64];
            var read = output.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var text = new string(Encoding.UTF8.GetString(head, 0, read).Where(c => !char.IsWhiteSpace(c)).ToArray());
            return text.StartsWith($"{{\"{ReportKeys.Success}\":true", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The last segment of a name, without control or path characters (a name may be "../../etc/cron.d/evil").</summary>
    private static string SafeName(string name)
    {
        var last = name.Replace('\\', '/').Split('/').LastOrDefault(segment => segment.Length > 0) ?? string.Empty;
        var safe = new string(last.Where(c => !char.IsControl(c) && Array.IndexOf(Path.GetInvalidFileNameChars(), c) < 0).ToArray()).Trim();
        return safe is "" or "." or ".." ? "attachment" : safe.Length > 200 ? safe[^200..] : safe;
    }
}
