using Cortex.Responders;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using NUnit.Framework;

namespace Cortex.Workers.Responders.MSEntraID.Tests;

/// <summary>The published executable, started as Cortex starts it, against the corporate network's Microsoft cloud.</summary>
[TestFixture]
[NonParallelizable]
public sealed class PublishedTests
{
    private static readonly string[] Flavors = Directory.GetFiles(Path.Combine(Repository.Root, "responders", "MSEntraID"), "*.json").Select(Path.GetFileName).ToArray()!;

    private static string root = string.Empty;

    [OneTimeSetUp]
    public async Task Publish() => root = await PublishedResponders.PublishAsync("MSEntraID");

    [Test]
    public void TheFolderHoldsTheExecutableAndTheFiveFlavors()
    {
        Flavors.Should().HaveCount(5);
        PublishedFolder.ShouldHoldTheExecutableAndFlavorsOnly(root, "MSEntraID", Flavors);
    }

    [Test]
    public async Task ThePublishedResponderDisablesAUserThroughTheProxy()
    {
        await using var cloud = await MicrosoftCloud.StartAsync();
        cloud.Peer.Answer(MicrosoftCloud.TokenAnswer())
            .Answer(MicrosoftCloud.UserLookup())
            .Answer(MicrosoftCloud.AccountEnabled(true))
            .Answer(MicrosoftCloud.NoContent());
        using var job = CortexJob.Create(cloud.Job("disableUser", "j.doe@corp.example"));

        var run = await job.RunAsync(root, "MSEntraID/MSEntraID");

        run.Success.Should().BeTrue(run.ToString());
        TestContext.Out.WriteLine($"per-job time (token, lookup, state check, change through the proxy): {run.Elapsed.TotalMilliseconds:0} ms");
        cloud.Peer.Requests.Select(r => $"{r.Method} {r.Headers["Host"]}{r.Path}").Should().Equal(
            $"POST login.microsoftonline.com/{MicrosoftCloud.Tenant}/oauth2/v2.0/token",
            "GET graph.microsoft.com/v1.0/users/j.doe@corp.example",
            $"GET graph.microsoft.com/v1.0/users/{MicrosoftCloud.UserId}",
            $"PATCH graph.microsoft.com/v1.0/users/{MicrosoftCloud.UserId}");
        run.Output!["operations"]![0]!["tag"]!.ToString().Should().Be("MSEntraID:disableUser");
    }

    [Test]
    public async Task AJobStoppedWhileThePasswordResetIsSentNamesWhatItAsked()
    {
        await using var cloud = await MicrosoftCloud.StartAsync();
        cloud.Peer.Answer(MicrosoftCloud.TokenAnswer());
        cloud.Proxy.SwallowedTargets.Add("graph.microsoft.com:443");
        using var job = CortexJob.Create(cloud.Job("forcePasswordReset", MicrosoftCloud.UserId));

        var run = await job.RunAsync(root, "MSEntraID/MSEntraID", timeout: TimeSpan.FromSeconds(3));

        run.Terminated.Should().BeTrue();
        run.ErrorMessage.Should().EndWith($"already done, so check before running the job again: asked Entra ID to make {MicrosoftCloud.UserId} change their password at next sign-in");
    }

    [Test]
    public async Task ThePublishedResponderNamesAForbiddenChangeInOneLine()
    {
        await using var cloud = await MicrosoftCloud.StartAsync();
        cloud.Peer.Answer(MicrosoftCloud.TokenAnswer())
            .Answer(MicrosoftCloud.UserLookup())
            .Answer(MicrosoftCloud.GraphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation."));
        using var job = CortexJob.Create(cloud.Job("forcePasswordReset", "j.doe@corp.example"));

        var run = await job.RunAsync(root, "MSEntraID/MSEntraID");

        run.Success.Should().BeFalse();
        run.ErrorMessage.Should().StartWith($"PATCH https://graph.microsoft.com/v1.0/users/{MicrosoftCloud.UserId} answered 403 Forbidden").And.NotContain("\n");
        System.Text.Encoding.UTF8.GetString(run.OutputBytes).Should().NotContain(MicrosoftCloud.ClientSecret).And.NotContain(MicrosoftCloud.Token);
    }
}
