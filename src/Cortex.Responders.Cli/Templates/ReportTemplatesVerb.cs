using System.CommandLine;
using Cortex.Responders.Cli.Validation;

namespace Cortex.Responders.Cli.Templates;

/// <summary>`cortex-responder report-templates`: the zip of long.html templates TheHive 4 and 5 import, one folder per worker id.</summary>
internal static class ReportTemplatesVerb
{
    public static Command Create()
    {
        var root = new Argument<string>("root")
        {
            Description = "The analyzers root (or one analyzer's folder): each flavor's long.html sits beside it",
        }.ExistingFolder();
        var outFile = new Option<string>("--output", "-o")
        {
            Description = "The zip to write (TheHive: Entities management > Analyzer templates > Import)",
            Required = true,
        };
        var strict = new Option<bool>("--strict")
        {
            Description = "Fail (exit code 1, no zip) on warnings too: a flavor without template, an ignored file",
        };
        var sample = new Option<string>("--sample")
        {
            HelpName = "report.json",
            Description = "An output.json (or full report) of the analyzer: warn on each content.… path a template reads that it lacks",
        }.ExistingFile();
        var verb = new Command("report-templates", "Pack the analyzers' report templates into the zip TheHive 4 and 5 import: <WorkerId>/long.html per analyzer flavor")
        {
            root, outFile, strict, sample,
        };
        verb.SetAction(parse => Pack(
            parse.GetValue(root)!, parse.GetValue(outFile)!, parse.GetValue(strict), parse.GetValue(sample),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return verb;
    }

    private static int Pack(string root, string outFile, bool strict, string? sample, TextWriter output, TextWriter error)
    {
        var pack = TemplatePacker.Plan([root], sample);
        foreach (var finding in pack.Findings.OrderBy(f => f.File, StringComparer.Ordinal))
        {
            error.WriteLine(finding);
        }

        var errors = pack.Findings.Count(f => f.Severity == Severity.Error);
        var warnings = pack.Findings.Count - errors;
        if (errors > 0 || (strict && warnings > 0))
        {
            var why = errors == 0 ? " (--strict: warnings fail)" : string.Empty;
            error.WriteLine($"cortex-responder report-templates: {errors} error(s), {warnings} warning(s){why}: no zip written");
            return ExitCodes.Failed;
        }

        if (pack.Entries.Count == 0)
        {
            error.WriteLine($"cortex-responder report-templates: no analyzer flavor under {Printable.Escape(root)} has a template: no zip written");
            return ExitCodes.Failed;
        }

        try
        {
            TemplatePacker.Write(pack, outFile);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"cortex-responder report-templates: cannot write {Printable.Escape(outFile)}: {exception.Message}");
            return ExitCodes.Failed;
        }

        output.WriteLine($"{outFile}: {pack.Entries.Count} template(s) ({string.Join(", ", pack.Entries.Select(e => e.WorkerId))}), {warnings} warning(s)");
        return ExitCodes.Ok;
    }
}
