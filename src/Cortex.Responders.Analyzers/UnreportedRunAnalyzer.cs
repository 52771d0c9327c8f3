using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Cortex.Responders.Analyzers;

/// <summary>
/// CORTEX002: a path through a worker's RunAsync (from its start, or from one of its catch clauses) that
/// reaches its end without Report, Error or Fail. A call of the worker's own methods counts as reporting (it
/// may report), and a path that throws ends the job with that exception, so neither is flagged.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnreportedRunAnalyzer : DiagnosticAnalyzer
{
    private static readonly string[] Endings = ["Report", "Error", "Fail"];
    private static readonly string[] Cancellations = ["System.OperationCanceledException", "System.Threading.Tasks.TaskCanceledException", "Cortex.Responders.JobStoppedException"];

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(WorkerDiagnostics.Unreported);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (WorkerSymbols.From(start.Compilation) is { } symbols)
            {
                start.RegisterOperationAction(operation => Analyze(operation, symbols), OperationKind.MethodBody);
            }
        });
    }

    private static void Analyze(OperationAnalysisContext context, WorkerSymbols symbols)
    {
        if (context.ContainingSymbol is not IMethodSymbol { Name: "RunAsync", IsOverride: true } method
            || !symbols.IsWorker(method.ContainingType) || !OverridesWorker(method, symbols))
        {
            return;
        }

        var graph = ControlFlowGraph.Create((IMethodBodyOperation)context.Operation, context.CancellationToken);
        var name = $"{method.ContainingType.Name}.RunAsync";
        if (ReachesExit(graph, graph.Blocks[0], method, symbols))
        {
            var identifier = method.Locations.FirstOrDefault() ?? context.Operation.Syntax.GetLocation();
            context.ReportDiagnostic(Diagnostic.Create(WorkerDiagnostics.Unreported, identifier, name));
        }

        foreach (var region in Regions(graph.Root).Where(region => region.Kind == ControlFlowRegionKind.Catch))
        {
            if (region.ExceptionType is { } caught && Cancellations.Contains(caught.ToDisplayString()))
            {
                continue;
            }

            if (ReachesExit(graph, graph.Blocks[region.FirstBlockOrdinal], method, symbols))
            {
                var clause = CatchOf(graph, region);
                context.ReportDiagnostic(Diagnostic.Create(WorkerDiagnostics.Unreported, clause ?? method.Locations.FirstOrDefault(), $"{name} (this catch)"));
            }
        }
    }

    private static bool OverridesWorker(IMethodSymbol method, WorkerSymbols symbols)
    {
        for (var current = method.OverriddenMethod; current is not null; current = current.OverriddenMethod)
        {
            if (SymbolEqualityComparer.Default.Equals(current.ContainingType.OriginalDefinition, symbols.Worker))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a normal path from <paramref name="start"/> reaches the method's end without an ending call.</summary>
    private static bool ReachesExit(ControlFlowGraph graph, BasicBlock start, IMethodSymbol method, WorkerSymbols symbols)
    {
        var seen = new HashSet<int>();
        var pending = new Stack<BasicBlock>();
        pending.Push(start);
        while (pending.Count > 0)
        {
            var block = pending.Pop();
            if (!seen.Add(block.Ordinal))
            {
                continue;
            }

            if (block.Kind == BasicBlockKind.Exit)
            {
                return true;
            }

            if (Ends(block, method, symbols))
            {
                continue;
            }

            foreach (var branch in new[] { block.FallThroughSuccessor, block.ConditionalSuccessor })
            {
                if (branch?.Destination is { } next)
                {
                    pending.Push(next);
                }
            }
        }

        return false;
    }

    /// <summary>Whether the block calls Report, Error or Fail, or one of the worker's own methods (which may report).</summary>
    private static bool Ends(BasicBlock block, IMethodSymbol method, WorkerSymbols symbols)
    {
        var operations = block.BranchValue is null ? block.Operations : block.Operations.Add(block.BranchValue);
        return operations.SelectMany(operation => operation.DescendantsAndSelf()).OfType<IInvocationOperation>().Any(invocation => Ends(invocation.TargetMethod, method, symbols));
    }

    private static bool Ends(IMethodSymbol target, IMethodSymbol method, WorkerSymbols symbols)
    {
        if (symbols.IsKind(target.ContainingType))
        {
            return Endings.Contains(target.Name);
        }

        if (target.MethodKind == MethodKind.LocalFunction)
        {
            return true;
        }

        // A method of the worker's own, or of a base class of the author's, may report for it.
        for (ITypeSymbol? type = method.ContainingType; type is not null && !symbols.IsKind(type); type = type.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(target.ContainingType?.OriginalDefinition, type.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<ControlFlowRegion> Regions(ControlFlowRegion region) =>
        new[] { region }.Concat(region.NestedRegions.SelectMany(Regions));

    private static Location? CatchOf(ControlFlowGraph graph, ControlFlowRegion region)
    {
        for (var ordinal = region.FirstBlockOrdinal; ordinal <= region.LastBlockOrdinal; ordinal++)
        {
            var block = graph.Blocks[ordinal];
            var syntax = block.Operations.FirstOrDefault()?.Syntax ?? block.BranchValue?.Syntax;
            if (syntax?.FirstAncestorOrSelf<CatchClauseSyntax>() is { } clause)
            {
                return clause.CatchKeyword.GetLocation();
            }
        }

        return null;
    }
}
