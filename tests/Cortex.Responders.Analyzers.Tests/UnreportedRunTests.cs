using FluentAssertions;
using NUnit.Framework;
using static Cortex.Responders.Analyzers.Tests.WorkerCompilation;

namespace Cortex.Responders.Analyzers.Tests;

/// <summary>CORTEX002: RunAsync paths that end without Report or Error.</summary>
[TestFixture]
public sealed class UnreportedRunTests
{
    [Test]
    public async Task PathWithoutReportFires()
    {
        var diagnostics = await AnalyzeAsync(Responder("""
            if (GetParam("config.verbose", false))
            {
                Report(new JObject());
            }
            """));

        var diagnostic = diagnostics.Should().ContainSingle(d => d.Id == "CORTEX002").Subject;
        diagnostic.Text().Should().Be("RunAsync");
        diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Should().Be("Sample.RunAsync can finish without calling Report or Error: end this path with Report(full), Error(message) or throw Fail(message), "
            + "else the job fails with \"finished without a report\"");
    }

    [Test]
    public async Task EmptyRunAsyncFires()
    {
        var diagnostics = await AnalyzeAsync("""
            public sealed class Lookup : Analyzer
            {
                protected override Task RunAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """);

        diagnostics.Should().ContainSingle(d => d.Id == "CORTEX002").Which.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Should().StartWith("Lookup.RunAsync can finish without calling Report or Error");
    }

    [Test]
    public async Task CatchThatFallsOffTheEndFires()
    {
        var diagnostics = await AnalyzeAsync(Responder("""
            try
            {
                using var http = CreateHttpClient();
                await http.GetAsync("https://hooks.example/notify", cancellationToken);
                Report(new JObject());
            }
            catch (HttpRequestException e)
            {
                Console.Error.WriteLine(e.Message);
            }
            """));

        var diagnostic = diagnostics.Should().ContainSingle(d => d.Id == "CORTEX002").Subject;
        diagnostic.Text().Should().Be("catch");
        diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Should().StartWith("Sample.RunAsync (this catch) can finish without calling Report or Error");
    }

    [TestCase("""
        switch (GetParam<string>("config.service"))
        {
            case "echo": Report(new JObject()); break;
            default: Error("Unknown service"); break;
        }
        """, TestName = "PathsThatAllEndAreSilent(switch with Error)")]
    [TestCase("""
        if (DataType != "thehive:case") throw Fail("only cases");
        Report(new JObject());
        """, TestName = "PathsThatAllEndAreSilent(throw Fail)")]
    [TestCase("""
        if (DataType != "thehive:case") throw new InvalidOperationException("only cases");
        Report(new JObject());
        """, TestName = "PathsThatAllEndAreSilent(a throw)")]
    [TestCase("""
        await SendAsync(cancellationToken);
        """, TestName = "PathsThatAllEndAreSilent(delegates to its own method)")]
    [TestCase("""
        try
        {
            Report(new JObject());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        """, TestName = "PathsThatAllEndAreSilent(a stopped job's catch)")]
    [TestCase("""
        string text;
        try { text = File.ReadAllText("x"); }
        catch (IOException e) { throw Fail($"Cannot read: {e.Message}"); }
        Report(new JObject { ["text"] = text });
        """, TestName = "PathsThatAllEndAreSilent(a catch that fails)")]
    public async Task PathsThatAllEndAreSilent(string body)
    {
        var diagnostics = await AnalyzeAsync(Responder(body, """
            private Task SendAsync(CancellationToken cancellationToken)
            {
                Report(new JObject());
                return Task.CompletedTask;
            }
            """));

        diagnostics.Should().NotContain(d => d.Id == "CORTEX002");
    }
}
