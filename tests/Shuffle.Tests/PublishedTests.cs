using Cortex.Responders.TestSupport;
using FluentAssertions;
using NUnit.Framework;

namespace Cortex.Workers.Responders.Shuffle.Tests;

/// <summary>The published executable, started as Cortex starts it, against a real Node-RED whose http in flow stands for Shuffle's execute API.</summary>
[TestFixture]
[NonParallelizable]
public sealed class PublishedTests
{
    private static string root = string.Empty;

    [OneTimeSetUp]
    public async Task Publish() => root = await PublishedResponders.PublishAsync("Shuffle");

    [Test]
    public void TheFolderHoldsTheExecutableAndTheFlavor() =>
        PublishedFolder.ShouldHoldTheExecutableAndFlavorsOnly(root, "Shuffle", ["shuffle.json"]);

    [Test]
    public async Task AWorkflowOnNodeRedReceivesTheCase()
    {
        using var nodeRed = await NodeRed.StartAsync(ShuffleJobs.ApiKey);
        var input = ShuffleJobs.Job(nodeRed.Url("/"));
        using var job = CortexJob.Create(input);

        var run = await job.RunAsync(root, "Shuffle/Shuffle");

        run.Success.Should().BeTrue(run.ToString());
        TestContext.Out.WriteLine($"per-job time (one POST to Node-RED on loopback): {run.Elapsed.TotalMilliseconds:0} ms");
        ((string?)run.Output!["full"]!["execution_id"]).Should().Be($"exec-{ShuffleJobs.Workflow}");
        var received = (await nodeRed.ReceivedAsync()).Should().ContainSingle().Subject;
        TestContext.Out.WriteLine($"Node-RED received: {received}");
        ((string?)received["path"]).Should().Be($"/api/v1/workflows/{ShuffleJobs.Workflow}/execute");
        ((string?)received["headers"]!["authorization"]).Should().Be($"Bearer {ShuffleJobs.ApiKey}");
        received["body"].ShouldBeJson(input["data"]!);
    }

    [Test]
    public async Task AKeyNodeRedRefusesIsAnErrorWithoutTheKey()
    {
        using var nodeRed = await NodeRed.StartAsync("another key");
        using var job = CortexJob.Create(ShuffleJobs.Job(nodeRed.Url("/")));

        var run = await job.RunAsync(root, "Shuffle/Shuffle");

        run.Success.Should().BeFalse();
        run.ErrorMessage.Should().Contain("answered 401 Unauthorized").And.Contain("Invalid API key").And.NotContain("\n");
        System.Text.Encoding.UTF8.GetString(run.OutputBytes).Should().NotContain(ShuffleJobs.ApiKey);
    }
}
