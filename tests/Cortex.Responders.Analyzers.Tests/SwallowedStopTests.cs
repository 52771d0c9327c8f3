using FluentAssertions;
using NUnit.Framework;
using static Cortex.Responders.Analyzers.Tests.WorkerCompilation;

namespace Cortex.Responders.Analyzers.Tests;

/// <summary>CORTEX001: a catch-all in a worker that can swallow JobStoppedException.</summary>
[TestFixture]
public sealed class SwallowedStopTests
{
    private const string Call = """
        var url = GetParam<string>("config.url", message: "Missing url");
        try
        {
            using var http = CreateHttpClient();
            await http.GetAsync(url, cancellationToken);
        }
        """;

    [TestCase("catch (Exception e) { Logger.LogWarning(e.Message); }", "catch (Exception e)", TestName = "CatchAllFires(catch Exception)")]
    [TestCase("catch { }", "catch", TestName = "CatchAllFires(bare catch)")]
    [TestCase("catch (Exception e) when (e.Message.Length > 0) { }", "catch (Exception e) when (e.Message.Length > 0)", TestName = "CatchAllFires(a filter that lets it in)")]
    [TestCase("catch (Exception e) when (e is HttpRequestException || e.Message.Length > 0) { }", "catch (Exception e) when (e is HttpRequestException || e.Message.Length > 0)", TestName = "CatchAllFires(a test for other types that is not required)")]
    public async Task CatchAllFires(string clause, string flagged)
    {
        var diagnostics = await AnalyzeAsync(Responder(Call + clause + "\nReport(new JObject());", "private static class Logger { public static void LogWarning(string m) { } }"));

        var diagnostic = diagnostics.Should().ContainSingle(d => d.Id == "CORTEX001").Subject;
        diagnostic.Text().Should().Be(flagged);
        diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Should().Be("This catch can swallow JobStoppedException, which Error, Fail and every worker member throw once the job has ended: "
            + "catch the exceptions you expect, or write catch (Exception e) when (e is not JobStoppedException)");
        diagnostic.Severity.Should().Be(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning);
    }

    [TestCase("catch (Exception e) when (e is not JobStoppedException) { }", TestName = "CatchThatLetsItThroughIsSilent(when not JobStoppedException)")]
    [TestCase("catch (Exception e) when (e is HttpRequestException or IOException) { }", TestName = "CatchThatLetsItThroughIsSilent(when other types)")]
    [TestCase("catch (Exception e) when (e is HttpRequestException && !cancellationToken.IsCancellationRequested) { }", TestName = "CatchThatLetsItThroughIsSilent(when other types and more)")]
    [TestCase("catch (JobStoppedException) { throw; } catch (Exception) { }", TestName = "CatchThatLetsItThroughIsSilent(rethrown first)")]
    [TestCase("catch (Exception e) { Console.Error.WriteLine(e); throw; }", TestName = "CatchThatLetsItThroughIsSilent(rethrows)")]
    [TestCase("catch (Exception e) { throw new InvalidOperationException(\"wrapped\", e); }", TestName = "CatchThatLetsItThroughIsSilent(wraps)")]
    [TestCase("catch (HttpRequestException) { }", TestName = "CatchThatLetsItThroughIsSilent(a specific type)")]
    public async Task CatchThatLetsItThroughIsSilent(string clause)
    {
        var diagnostics = await AnalyzeAsync(Responder(Call + clause + "\nReport(new JObject());"));

        diagnostics.Should().NotContain(d => d.Id == "CORTEX001");
    }

    [Test]
    public async Task CatchAllOutsideAWorkerOrAroundNothingIsSilent()
    {
        var diagnostics = await AnalyzeAsync(
            "public static class Parser { public static int Parse(string s) { try { return int.Parse(s); } catch { return 0; } } }",
            Responder("int x; try { x = 1; } catch (Exception) { x = 2; }\nReport(new JObject { [\"x\"] = x });"));

        diagnostics.Should().NotContain(d => d.Id == "CORTEX001");
    }
}
