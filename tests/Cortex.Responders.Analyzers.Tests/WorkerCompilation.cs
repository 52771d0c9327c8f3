using System.Collections.Immutable;
using FluentAssertions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Cortex.Responders.Analyzers.Tests;

/// <summary>Compiles worker sources against the real Cortex.Responders and runs the three analyzers on them.</summary>
internal static class WorkerCompilation
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Cortex.Responders;
        using Newtonsoft.Json.Linq;

        """;

    private static readonly Lazy<MetadataReference[]> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat([typeof(Worker).Assembly.Location, typeof(CortexJson).Assembly.Location, typeof(Newtonsoft.Json.Linq.JObject).Assembly.Location,
                typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location, typeof(Microsoft.Extensions.Configuration.IConfiguration).Assembly.Location])
            .Distinct()
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray());

    /// <summary>The analyzers' diagnostics on <paramref name="sources"/>, which must compile without error.</summary>
    public static Task<ImmutableArray<Diagnostic>> AnalyzeAsync(params string[] sources) => AnalyzeAsync(OutputKind.DynamicallyLinkedLibrary, sources);

    /// <summary>The analyzers' diagnostics on <paramref name="sources"/> compiled as <paramref name="kind"/> (an executable's Program.cs).</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(OutputKind kind, params string[] sources)
    {
        var trees = sources.Select((source, index) => CSharpSyntaxTree.ParseText(Usings + source, new CSharpParseOptions(LanguageVersion.Latest), path: $"Sample{index}.cs"));
        var compilation = CSharpCompilation.Create(
            "Samples",
            trees,
            References.Value,
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));
        compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Should().BeEmpty("the sample must compile");
        DiagnosticAnalyzer[] analyzers = [new SwallowedStopAnalyzer(), new UnreportedRunAnalyzer(), new ParamPathAnalyzer()];
        return await compilation.WithAnalyzers([.. analyzers]).GetAnalyzerDiagnosticsAsync();
    }

    /// <summary>A responder whose RunAsync body is <paramref name="body"/> (with <c>cancellationToken</c> in scope), plus <paramref name="members"/>.</summary>
    public static string Responder(string body, string members = "") => $$"""
        public sealed class Sample : Responder
        {
            protected override async Task RunAsync(CancellationToken cancellationToken)
            {
                await Task.Yield();
        {{body}}
            }
        {{members}}
        }
        """;

    /// <summary>The source text a diagnostic points at.</summary>
    public static string Text(this Diagnostic diagnostic) => diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
}
