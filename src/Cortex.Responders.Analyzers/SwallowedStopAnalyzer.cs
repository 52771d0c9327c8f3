using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Cortex.Responders.Analyzers;

/// <summary>
/// CORTEX001: in a worker, a catch clause that catches JobStoppedException with the rest (a bare catch, or a
/// catch of Exception) and neither filters it out nor ends by throwing, around code that can throw it.
/// </summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class SwallowedStopAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(WorkerDiagnostics.SwallowedStop);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (WorkerSymbols.From(start.Compilation) is { } symbols)
            {
                start.RegisterOperationAction(operation => Analyze(operation, symbols), OperationKind.Try);
            }
        });
    }

    private static void Analyze(OperationAnalysisContext context, WorkerSymbols symbols)
    {
        if (!symbols.IsWorker(context.ContainingSymbol.ContainingType))
        {
            return;
        }

        var tryOperation = (ITryOperation)context.Operation;
        if (!CanThrow(tryOperation.Body))
        {
            return;
        }

        foreach (var clause in tryOperation.Catches)
        {
            if (!symbols.CatchesStopped(clause.ExceptionType))
            {
                continue;
            }

            // A clause for JobStoppedException itself lets it through every later clause.
            if (SymbolEqualityComparer.Default.Equals(clause.ExceptionType, symbols.Stopped))
            {
                return;
            }

            if (Excludes(clause, symbols) || EndsByThrowing(clause.Handler))
            {
                continue;
            }

            var location = clause.Syntax is CatchClauseSyntax syntax
                ? Location.Create(
                    syntax.SyntaxTree,
                    TextSpan.FromBounds(syntax.CatchKeyword.SpanStart, syntax.Filter?.Span.End ?? syntax.Declaration?.Span.End ?? syntax.CatchKeyword.Span.End))
                : clause.Syntax.GetLocation();
            context.ReportDiagnostic(Diagnostic.Create(WorkerDiagnostics.SwallowedStop, location));
        }
    }

    /// <summary>Whether the try's body calls or awaits anything (the worker's members throw JobStoppedException).</summary>
    private static bool CanThrow(IOperation body) =>
        body.Descendants().Any(operation => operation is IInvocationOperation or IAwaitOperation or IPropertyReferenceOperation or IObjectCreationOperation);

    /// <summary>Whether the clause's filter keeps JobStoppedException out: it names it, or requires the exception to be of other types.</summary>
    private static bool Excludes(ICatchClauseOperation clause, WorkerSymbols symbols)
    {
        if (clause.Filter is not { } filter)
        {
            return false;
        }

        if (filter.DescendantsAndSelf().Any(operation => Mentions(operation, symbols.Stopped)))
        {
            return true;
        }

        // when (e is IOException or HttpRequestException [&& …]): a required test for other types.
        return Conjuncts(filter).Any(conjunct => RequiresOtherTypes(conjunct, clause, symbols));
    }

    private static bool Mentions(IOperation operation, INamedTypeSymbol stopped) => operation switch
    {
        IIsTypeOperation isType => SymbolEqualityComparer.Default.Equals(isType.TypeOperand, stopped),
        ITypePatternOperation type => SymbolEqualityComparer.Default.Equals(type.MatchedType, stopped),
        IDeclarationPatternOperation declaration => SymbolEqualityComparer.Default.Equals(declaration.MatchedType, stopped),
        _ => false,
    };

    private static IEnumerable<IOperation> Conjuncts(IOperation operation)
    {
        if (operation is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and)
        {
            return Conjuncts(and.LeftOperand).Concat(Conjuncts(and.RightOperand));
        }

        return new[] { operation };
    }

    private static bool RequiresOtherTypes(IOperation conjunct, ICatchClauseOperation clause, WorkerSymbols symbols)
    {
        switch (conjunct)
        {
            case IIsTypeOperation isType when IsCaught(isType.ValueOperand, clause):
                return !symbols.CatchesStopped(isType.TypeOperand);
            case IIsPatternOperation pattern when IsCaught(pattern.Value, clause):
                return RequiresOtherTypes(pattern.Pattern, symbols);
            default:
                return false;
        }
    }

    private static bool RequiresOtherTypes(IPatternOperation pattern, WorkerSymbols symbols) => pattern switch
    {
        ITypePatternOperation type => !symbols.CatchesStopped(type.MatchedType),
        IDeclarationPatternOperation { MatchedType: { } matched } => !symbols.CatchesStopped(matched),
        IRecursivePatternOperation { MatchedType: { } matched } => !symbols.CatchesStopped(matched),
        IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } or => RequiresOtherTypes(or.LeftPattern, symbols) && RequiresOtherTypes(or.RightPattern, symbols),
        IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.And } and => RequiresOtherTypes(and.LeftPattern, symbols) || RequiresOtherTypes(and.RightPattern, symbols),
        _ => false,
    };

    private static bool IsCaught(IOperation value, ICatchClauseOperation clause)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        return value is ILocalReferenceOperation local && clause.Locals.Contains(local.Local, SymbolEqualityComparer.Default);
    }

    /// <summary>Whether the handler's last statement throws (a rethrow, or a wrap): nothing is swallowed then.</summary>
    private static bool EndsByThrowing(IBlockOperation handler)
    {
        var last = handler.Operations.LastOrDefault();
        return last is IThrowOperation || last is IExpressionStatementOperation { Operation: IThrowOperation };
    }
}
