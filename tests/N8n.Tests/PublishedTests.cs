using Cortex.Responders.TestSupport;
using FluentAssertions;
using NUnit.Framework;

namespace Cortex.Workers.Responders.N8n.Tests;

/// <summary>The published executable, started as Cortex starts it, against a real Node-RED whose http in flow stands for the n8n webhook.</summary>
[TestFixture]
[NonParallelizable]
public sealed class PublishedTests
{
    private static string root = string.Empty;

    [OneTimeSetUp]
    public async Task Publish() => root = await PublishedResponders.PublishAsync("N8n");

    [Test]
    public void TheFolderHoldsTheExecutableAndTheFlavor() =>
        PublishedFolder.ShouldHoldTheExecutableAndFlavorsOnly(root, "N8n", ["n8n.json"]);

    [Test]
    public async Task AWebhookOnNodeRedReceivesTheAlert()
    {
        using var nodeRed = await NodeRed.StartAsync();
        var input = N8nJobs.Job(nodeRed.Url("/webhook/thehive-alerts"), "thehive-alert.json");
        using var job = CortexJob.Create(input);

        var run = await job.RunAsync(root, "N8n/N8n");

        run.Success.Should().BeTrue(run.ToString());
        TestContext.Out.WriteLine($"per-job time (one POST to Node-RED on loopback): {run.Elapsed.TotalMilliseconds:0} ms");
        run.Output!["full"]!["answer"].ShouldBeJson("""{"message":"Workflow was started"}""");
        var received = (await nodeRed.ReceivedAsync()).Should().ContainSingle().Subject;
        TestContext.Out.WriteLine($"Node-RED received: {received}");
        ((string?)received["path"]).Should().Be("/webhook/thehive-alerts");
        received["body"].ShouldBeJson(input["data"]!);
    }

    [Test]
    public async Task AWebhookPathNodeRedDoesNotServeIsAnError()
    {
        using var nodeRed = await NodeRed.StartAsync();
        using var job = CortexJob.Create(N8nJobs.Job(nodeRed.Url("/hooks/none")));

        var run = await job.RunAsync(root, "N8n/N8n");

        run.Success.Should().BeFalse();
        run.ErrorMessage.Should().StartWith($"POST {nodeRed.Url("/hooks/none")} answered 404 Not Found").And.NotContain("\n");
    }
}
