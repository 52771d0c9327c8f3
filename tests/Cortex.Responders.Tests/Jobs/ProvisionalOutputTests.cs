using Cortex.Responders.Jobs;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Tests.Jobs;

/// <summary>
/// From the job's start, output/output.json holds a valid failure output that the real one replaces, so a job
/// killed outright (the Docker runner's timeout, the out-of-memory killer, kill -9) still says what happened and
/// what it had already done.
/// </summary>
[TestFixture]
public sealed class ProvisionalOutputTests
{
    private const string Secret = "Tr0ub4dor-3-horse-battery";

    [Test]
    public async Task OutputStandsFromTheStartAndNamesEachRecordedActionWithoutSecrets()
    {
        var result = await TestJob.RunAsync<PeekingResponder>(new JObject { ["api_key"] = Secret });

        result.Success.Should().BeTrue(result.OutputText);
        var before = JObject.Parse((string)result.Full!["before"]!);
        before.Properties().Select(p => p.Name).Should().Equal("success", "errorMessage");
        ((bool)before["success"]!).Should().BeFalse();
        ((string)before["errorMessage"]!).Should().Be(ProvisionalOutput.Message);

        var after = JObject.Parse((string)result.Full!["after"]!);
        after.ContainsKey("input").Should().BeFalse("the provisional output holds no input");
        ((string)after["errorMessage"]!).Should().Be(
            "the job did not finish: the worker was killed before it could report (likely the Docker runner's timeout, which sends no SIGTERM, the out-of-memory killer, or kill -9); "
            + "already done, so check before running the job again: blocked the sender with key REMOVED; opened ticket 42");
        result.Full!["files"]!.Values<string>().Should().Equal(["output.json"], "each rewrite leaves no temporary file");
    }

    [Test]
    public async Task KilledAfterAnActionLeavesAValidOutputNamingIt()
    {
        using var job = CortexJob.Create(TestJob.Input(new JObject { ["api_key"] = Secret }));

        var output = await KillAtSignalAsync<RecordingThenBlockingResponder>(job);

        output.Should().NotBeNull("output.json must be a whole JSON object");
        ((bool)output!["success"]!).Should().BeFalse();
        output.ContainsKey("input").Should().BeFalse();
        var message = (string)output["errorMessage"]!;
        message.Should().StartWith("the job did not finish: the worker was killed before it could report");
        message.Should().EndWith("already done, so check before running the job again: blocked the sender with key REMOVED");
        message.Should().NotContain(Secret).And.NotContain("\n");
        Directory.GetFiles(Path.GetDirectoryName(job.OutputFile)!).Should().Equal([job.OutputFile], "no temporary file is left beside it");
    }

    [Test]
    public async Task KilledBeforeAnyActionSaysItWasKilled()
    {
        using var job = CortexJob.Create(TestJob.Input(new JObject { ["api_key"] = Secret }));

        var output = await KillAtSignalAsync<BlockingResponder>(job);

        ((string?)output?["errorMessage"]).Should().Be(ProvisionalOutput.Message);
    }

    /// <summary>Runs the worker in its own process, SIGKILLs it at its "ready" line, and reads output.json.</summary>
    private static async Task<JObject?> KillAtSignalAsync<TWorker>(CortexJob job)
        where TWorker : Worker
    {
        var (_, standardOutput, _) = await ResponderProcess.SignalAtLineAsync<TWorker>(job, ReadyLine, kill: true);

        standardOutput.Should().BeEmpty();
        File.Exists(job.OutputFile).Should().BeTrue("a killed job must still leave output.json");
        var text = await File.ReadAllTextAsync(job.OutputFile);
        text.Should().NotContain(Secret);
        return CortexJob.ReadJson(text);
    }

    private const string ReadyLine = "ready to be killed";

    /// <summary>Reads its own output.json before and after recording actions, and reports both.</summary>
    private sealed class PeekingResponder : Responder
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            var outputFile = JobFolder.OutputFile(JobDirectory!);
            var before = File.ReadAllText(outputFile);
            RecordAction($"blocked the sender with key {GetParam<string>("config.api_key")}");
            RecordAction("opened ticket 42");
            var files = new JArray(Directory.GetFiles(Path.GetDirectoryName(outputFile)!).Select(Path.GetFileName));
            Report(new JObject { ["before"] = before, ["after"] = File.ReadAllText(outputFile), ["files"] = files });
            return Task.CompletedTask;
        }
    }

    /// <summary>Records an action, says so on standard error, then waits to be killed.</summary>
    private sealed class RecordingThenBlockingResponder : Responder
    {
        protected override async Task RunAsync(CancellationToken cancellationToken)
        {
            RecordAction($"blocked the sender with key {GetParam<string>("config.api_key")}");
            await Console.Error.WriteLineAsync(ReadyLine);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

    /// <summary>Says it has started, then waits to be killed.</summary>
    private sealed class BlockingResponder : Responder
    {
        protected override async Task RunAsync(CancellationToken cancellationToken)
        {
            await Console.Error.WriteLineAsync(ReadyLine);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }
}
