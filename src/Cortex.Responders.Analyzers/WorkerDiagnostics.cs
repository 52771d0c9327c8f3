using Microsoft.CodeAnalysis;

namespace Cortex.Responders.Analyzers;

/// <summary>The diagnostics of the worker analyzers: each says what goes wrong at run time and what to write instead.</summary>
internal static class WorkerDiagnostics
{
    private const string Category = "Cortex.Responders";

    /// <summary>CORTEX001: a catch-all in a worker can swallow JobStoppedException.</summary>
    public static readonly DiagnosticDescriptor SwallowedStop = new(
        id: "CORTEX001",
        title: "A catch-all can swallow JobStoppedException",
        messageFormat: "This catch can swallow JobStoppedException, which Error, Fail and every worker member throw once the job has ended: "
            + "catch the exceptions you expect, or write catch (Exception e) when (e is not JobStoppedException)",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "After Error (or Cortex's stop) the job's output is written and the worker's code must end. A catch-all that swallows JobStoppedException lets the code go on acting (sending a mail, blocking a sender) for a job that has already failed.");

    /// <summary>CORTEX002: RunAsync can return without Report or Error.</summary>
    public static readonly DiagnosticDescriptor Unreported = new(
        id: "CORTEX002",
        title: "RunAsync can finish without Report or Error",
        messageFormat: "{0} can finish without calling Report or Error: end this path with Report(full), Error(message) or throw Fail(message), "
            + "else the job fails with \"finished without a report\"",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Cortex needs one output per job. A path of RunAsync (or of one of its catch clauses) that returns without Report or Error leaves the framework to write a generic error.");

    /// <summary>CORTEX003: a GetParam path that is not a dotted path.</summary>
    public static readonly DiagnosticDescriptor NotDottedPath = new(
        id: "CORTEX003",
        title: "A parameter path must be a dotted path",
        messageFormat: "\"{0}\" is not a dotted path ({1}): {2} reads paths such as \"config.smtp_host\" or \"data.artifacts.0.data\", so this one is always missing",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "GetParam and RequireParam walk the job input by keys separated with dots, a numeric key indexing an array, as cortexutils' get_param. Brackets, slashes, $ and empty keys are taken literally and never match.");
}
