using System.Text;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Tests.Jobs;

/// <summary>An input that is not JSON fails with the place and what was expected, never with the input's text (which holds the job's secrets).</summary>
[TestFixture]
public sealed class ParseErrorTests
{
    private const string Secret = "s3cr3t-Tr0ub4dor-horse";

    private static readonly string[] Literals = ["nul", "tru", "fals", "n", "new Date(1)"];

    [TestCaseSource(nameof(Literals))]
    public async Task ABadLiteralInTheJobFolderQuotesNoSecret(string literal)
    {
        using var job = CortexJob.Create(Input(literal));

        var run = await ResponderProcess.RunAsync<QuietResponder>(job);

        run.Success.Should().BeFalse(run.ToString());
        run.ErrorMessage.Should().StartWith("the job input").And.MatchRegex(@"\(line 1, column \d+\)$");
        Encoding.UTF8.GetString(run.OutputBytes).Should().NotContain(Secret).And.NotContain("api_key");
        run.StandardOutput.Should().NotContain(Secret);
    }

    [TestCaseSource(nameof(Literals))]
    public async Task ABadLiteralOnStandardInputQuotesNoSecret(string literal)
    {
        using var job = CortexJob.CreateEmpty();

        var run = await ResponderProcess.RunAsync<QuietResponder>(job, standardInput: Input(literal));

        var output = CortexJob.ReadJson(run.StandardOutput);
        output.Should().NotBeNull(run.ToString());
        ((string?)output!["errorMessage"]).Should().StartWith("the job input (standard input)");
        run.StandardOutput.Should().NotContain(Secret).And.NotContain("api_key");
    }

    private static byte[] Input(string literal) =>
        Encoding.UTF8.GetBytes($$$"""{"data": {{{literal}}}, "dataType": "case", "config": {"api_key": "{{{Secret}}}"}}""");

    /// <summary>Reports nothing: the job must fail before it runs.</summary>
    private sealed class QuietResponder : Responder
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Report(new JObject());
            return Task.CompletedTask;
        }
    }
}
