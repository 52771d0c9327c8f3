using System.CommandLine;
using Cortex.Responders.Cli.Definitions;
using Cortex.Responders.Cli.Templates;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Cli.Validation;

/// <summary>`cortex-responder validate`: every rule of <see cref="FlavorRules"/> on the flavors named.</summary>
internal static class ValidateVerb
{
    public static Command Create(Option<bool> json)
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "Flavor files, responder folders or a responders root",
            Arity = ArgumentArity.OneOrMore,
        }.ExistingFilesOrFolders();
        var strict = new Option<bool>("--strict") { Description = "Fail (exit code 1) on warnings too, for continuous integration" };
        var kind = new Option<string>("--kind")
        {
            Description = "What the flavors are, as the Cortex root they are read from decides: analyzer (analyzer.urls), responder (responder.urls), "
                + "or auto: observable data types make an analyzer, thehive:* types a responder",
            DefaultValueFactory = _ => "auto",
        };
        kind.AcceptOnlyFromAmong("auto", "analyzer", "responder");
        var verb = new Command("validate", "Check flavor files (responders or analyzers) with every rule Cortex applies when reading them, and the rules it should have")
        {
            paths, strict, kind,
        };
        verb.SetAction(parse => Validate(
            parse.GetValue(paths)!,
            parse.GetValue(strict),
            Enum.Parse<WorkerKind>(parse.GetValue(kind)!, ignoreCase: true),
            parse.GetValue(json),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return verb;
    }

    private static int Validate(string[] paths, bool strict, WorkerKind kind, bool json, TextWriter output, TextWriter error)
    {
        var files = FlavorDiscovery.Find(paths, out var problems, out var ignored);
        if (problems.Count > 0)
        {
            // A path removed since the arguments were checked.
            foreach (var problem in problems)
            {
                error.WriteLine($"cortex-responder validate: {Printable.Escape(problem)}");
            }

            return ExitCodes.Usage;
        }

        var findings = FlavorValidator.Validate(files, kind);
        findings.AddRange(ignored.Select(f => FlavorRules.RootJson.At(f, 0, "$")));
        findings.AddRange(TemplateChecks.Beside(files, kind));
        var definitions = files.Count(f => f.LooksLikeDefinition || f.Json is JArray);
        if (definitions == 0)
        {
            findings.Add(FlavorRules.NoDefinitions.At(string.Join(", ", paths), 0, "$"));
        }

        var errors = findings.Count(f => f.Severity == Severity.Error);
        var warnings = findings.Count - errors;
        if (json)
        {
            output.WriteLine(new JObject
            {
                ["files"] = files.Count,
                ["definitions"] = definitions,
                ["analyzers"] = files.Count(f => f.LooksLikeDefinition && FlavorValidator.KindOf(f.Definition!, kind, f) == WorkerKind.Analyzer),
                ["errors"] = errors,
                ["warnings"] = warnings,
                ["findings"] = new JArray(findings.Select(f => f.ToJson())),
            }.ToString(Formatting.Indented));
        }
        else
        {
            foreach (var finding in findings.OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line))
            {
                output.WriteLine(finding);
            }

            var strictNote = strict && errors == 0 && warnings > 0 ? " (--strict: warnings fail)" : string.Empty;
            output.WriteLine($"{files.Count} file(s), {definitions} definition(s): {errors} error(s), {warnings} warning(s){strictNote}");
        }

        return errors > 0 || (strict && warnings > 0) ? ExitCodes.Failed : ExitCodes.Ok;
    }
}
