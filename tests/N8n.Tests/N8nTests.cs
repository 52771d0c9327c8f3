using Cortex.Responders.Testing;
using Cortex.Responders.Testing.Http;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using NUnit.Framework;

namespace Cortex.Workers.Responders.N8n.Tests;

/// <summary>The responder in-process against the testing package's HTTP peer standing for an n8n webhook: the request, the report, each error.</summary>
[TestFixture]
public sealed class N8nTests
{
    private const string Started = """{"message":"Workflow was started"}""";
    private const string Path = "/webhook/5b1c0e7a-thehive";

    private const string NotRegistered = "{\"code\":404,\"message\":\"The requested webhook \\\"POST 5b1c0e7a-thehive\\\" is not registered.\","
        + "\"hint\":\"The workflow must be active for a production URL to run successfully.\"}";

    [TestCaseSource(typeof(N8nJobs), nameof(N8nJobs.Fixtures))]
    public async Task TheTheHiveObjectIsPostedToTheWebhook(string fixture)
    {
        await using var n8n = await HttpPeer.StartAsync();
        n8n.Answer(HttpPeerAnswer.Json(Started));
        var input = N8nJobs.Job(n8n.Url(Path), fixture);

        var result = await ResponderJob.RunAsync<N8nResponder>(input);

        result.Success.Should().BeTrue(result.OutputText);
        var request = n8n.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("POST");
        request.Path.Should().Be(Path);
        request.Headers.Should().NotContainKey("Authorization");
        request.Headers["Content-Type"].Should().StartWith("application/json");
        request.Json().ShouldBeJson(input["data"]!);
        result.Full.ShouldBeJson($$"""{"Message":"n8n started the workflow of the webhook","webhook":"{{n8n.Url(Path)}}","answer":{{Started}}}""");
        result.Operations.Should().BeEmpty();
    }

    [Test]
    public async Task AWebhookNotRegisteredIsOneLineWithN8nsWords()
    {
        await using var n8n = await HttpPeer.StartAsync();
        n8n.Answer(HttpPeerAnswer.Json(NotRegistered, 404));

        var result = await ResponderJob.RunAsync<N8nResponder>(N8nJobs.Job(n8n.Url(Path)));

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().StartWith($"POST {n8n.Url(Path)} answered 404 Not Found: {NotRegistered[..80]}")
            .And.EndWith($"sent the thehive:case to the n8n webhook {n8n.Url(Path)}")
            .And.NotContain("\n");
    }

    [Test]
    public async Task AnotherSuccessStatusThan200IsAnErrorAsInTheOriginal()
    {
        await using var n8n = await HttpPeer.StartAsync();
        n8n.Answer(new HttpPeerAnswer(204, string.Empty, null));

        var result = await ResponderJob.RunAsync<N8nResponder>(N8nJobs.Job(n8n.Url(Path)));

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().StartWith($"POST {n8n.Url(Path)} answered 204 No Content: n8n starts a workflow with 200, check the webhook's response code");
    }

    [Test]
    public async Task A200WithAnAnswerThatIsNotJsonIsAStartedWorkflow()
    {
        await using var n8n = await HttpPeer.StartAsync();
        n8n.Answer(HttpPeerAnswer.Text("ok"));

        var result = await ResponderJob.RunAsync<N8nResponder>(N8nJobs.Job(n8n.Url(Path)));

        result.Success.Should().BeTrue(result.OutputText);
        result.Full!.ContainsKey("answer").Should().BeFalse();
    }

    [Test]
    public async Task AServerErrorIsRetriedAsItsRetryAfterSays()
    {
        await using var n8n = await HttpPeer.StartAsync();
        n8n.Answer(HttpPeerAnswer.Busy(503, 0)).Answer(HttpPeerAnswer.Json(Started));

        var result = await ResponderJob.RunAsync<N8nResponder>(N8nJobs.Job(n8n.Url(Path)));

        result.Success.Should().BeTrue(result.OutputText);
        n8n.Requests.Should().HaveCount(2);
    }

    [TestCase("ftp://n8n.example.org/webhook/x")]
    [TestCase("n8n.example.org/webhook/x")]
    public async Task AWebhookThatIsNotAnHttpUrlIsNamedBeforeAnyRequest(string webhook)
    {
        var result = await ResponderJob.RunAsync<N8nResponder>(N8nJobs.Job(webhook));

        result.ErrorMessage.Should().Be("webhook is not an http(s) URL: set the n8n workflow's webhook URL, e.g. https://n8n.example.org/webhook/<path>");
    }

    [Test]
    public async Task AMissingWebhookIsNamed()
    {
        var result = await ResponderJob.RunAsync<N8nResponder>(N8nJobs.Job("http://127.0.0.1/", configure: c => c.Remove("webhook")));

        result.ErrorMessage.Should().StartWith("webhook is missing: set the n8n workflow's webhook URL");
    }

    [Test]
    public async Task AWebhookThatDoesNotListenIsNamed()
    {
        string url;
        await using (var closed = await HttpPeer.StartAsync())
        {
            url = closed.Url(Path);
        }

        var result = await ResponderJob.RunAsync<N8nResponder>(N8nJobs.Job(url));

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().StartWith($"POST {url} failed: ").And.Contain("Connection refused");
    }
}
