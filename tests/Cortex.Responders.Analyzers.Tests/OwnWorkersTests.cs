using Cortex.Responders.TestSupport;
using FluentAssertions;
using NUnit.Framework;

namespace Cortex.Responders.Analyzers.Tests;

/// <summary>The analyzers stay silent on the repository's own workers whose sources compile against the library alone (the build of responders/ and analyzers/ checks the rest).</summary>
[TestFixture]
public sealed class OwnWorkersTests
{
    [TestCase("responders/Echo")]
    [TestCase("analyzers/Echo")]
    public async Task OwnWorkerIsSilent(string folder)
    {
        var sources = Directory.GetFiles(Path.Combine(Repository.Root, folder), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToArray();
        sources.Should().NotBeEmpty();

        var diagnostics = await WorkerCompilation.AnalyzeAsync(Microsoft.CodeAnalysis.OutputKind.ConsoleApplication, sources);

        diagnostics.Should().BeEmpty();
    }
}
