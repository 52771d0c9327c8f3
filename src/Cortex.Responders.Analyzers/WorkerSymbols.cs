using Microsoft.CodeAnalysis;

namespace Cortex.Responders.Analyzers;

/// <summary>The library's types a compilation references, or null when it does not reference Cortex.Responders.</summary>
internal sealed class WorkerSymbols
{
    private WorkerSymbols(INamedTypeSymbol worker, INamedTypeSymbol stopped, INamedTypeSymbol? responder, INamedTypeSymbol? analyzer)
    {
        Worker = worker;
        Stopped = stopped;
        Kinds = new[] { worker, responder, analyzer }.Where(type => type is not null).Cast<INamedTypeSymbol>().ToArray();
    }

    /// <summary>Cortex.Responders.Worker.</summary>
    public INamedTypeSymbol Worker { get; }

    /// <summary>Cortex.Responders.JobStoppedException.</summary>
    public INamedTypeSymbol Stopped { get; }

    /// <summary>Worker, Responder and Analyzer: the library's own base classes.</summary>
    public IReadOnlyList<INamedTypeSymbol> Kinds { get; }

    public static WorkerSymbols? From(Compilation compilation)
    {
        var worker = compilation.GetTypeByMetadataName("Cortex.Responders.Worker");
        var stopped = compilation.GetTypeByMetadataName("Cortex.Responders.JobStoppedException");
        return worker is null || stopped is null
            ? null
            : new WorkerSymbols(worker, stopped, compilation.GetTypeByMetadataName("Cortex.Responders.Responder"), compilation.GetTypeByMetadataName("Cortex.Responders.Analyzer"));
    }

    /// <summary>Whether <paramref name="type"/> derives from Worker (a responder or an analyzer of the author's).</summary>
    public bool IsWorker(ITypeSymbol? type)
    {
        for (var current = type?.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, Worker))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="type"/> is one of the library's base classes.</summary>
    public bool IsKind(ITypeSymbol? type) => Kinds.Any(kind => SymbolEqualityComparer.Default.Equals(kind, type?.OriginalDefinition));

    /// <summary>Whether a catch of <paramref name="type"/> also catches JobStoppedException.</summary>
    public bool CatchesStopped(ITypeSymbol? type)
    {
        if (type is null)
        {
            return true;
        }

        for (ITypeSymbol? current = Stopped; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, type))
            {
                return true;
            }
        }

        return false;
    }
}
