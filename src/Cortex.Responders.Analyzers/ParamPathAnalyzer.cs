using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Cortex.Responders.Analyzers;

/// <summary>CORTEX003: a constant path given to GetParam or RequireParam that is not a dotted path.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ParamPathAnalyzer : DiagnosticAnalyzer
{
    private static readonly string[] Readers = ["GetParam", "RequireParam"];

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(WorkerDiagnostics.NotDottedPath);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (WorkerSymbols.From(start.Compilation) is { } symbols)
            {
                start.RegisterOperationAction(operation => Analyze(operation, symbols), OperationKind.Invocation);
            }
        });
    }

    /// <summary>Why <paramref name="path"/> is not a dotted path, or null when it is one (the empty path, the whole input, is one).</summary>
    internal static string? Problem(string path)
    {
        if (path.Length == 0)
        {
            return null;
        }

        foreach (var c in path)
        {
            switch (c)
            {
                case '[' or ']':
                    return "brackets are not indexes: write data.artifacts.0";
                case '/' or '\\':
                    return "keys are separated with dots, not slashes";
                case '$':
                    return "it is not a JSONPath: no $";
                case '\'' or '"':
                    return "keys are not quoted";
                case '*' or '?':
                    return "there are no wildcards";
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return "it holds white space";
            }
        }

        return path.Split('.').Any(segment => segment.Length == 0) ? "it has an empty key: no leading, trailing or doubled dot" : null;
    }

    private static void Analyze(OperationAnalysisContext context, WorkerSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (!Readers.Contains(method.Name) || !symbols.IsKind(method.ContainingType))
        {
            return;
        }

        var argument = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "path");
        if (argument?.Value.ConstantValue is { HasValue: true, Value: string path } && Problem(path) is { } problem)
        {
            context.ReportDiagnostic(Diagnostic.Create(WorkerDiagnostics.NotDottedPath, argument.Value.Syntax.GetLocation(), path, problem, method.Name));
        }
    }
}
