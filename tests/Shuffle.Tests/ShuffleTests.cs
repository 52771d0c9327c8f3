using Cortex.Responders.Testing;
using Cortex.Responders.Testing.Http;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Workers.Responders.Shuffle.Tests;

/// <summary>The responder in-process against the testing package's HTTP peer standing for Shuffle: the request, the report, each error.</summary>
[TestFixture]
public sealed class ShuffleTests
{
    private const string Executed = """{"success":true,"execution_id":"6f0e8c1a-exec","authorization":"b1c2d3-execution-auth"}""";

    private static string ExecutePath => $"/api/v1/workflows/{ShuffleJobs.Workflow}/execute";

    [TestCaseSource(typeof(ShuffleJobs), nameof(ShuffleJobs.Fixtures))]
    public async Task TheTheHiveObjectIsPostedToTheWorkflowsExecuteUrlWithTheBearerKey(string fixture)
    {
        await using var shuffle = await HttpPeer.StartAsync();
        shuffle.Answer(HttpPeerAnswer.Json(Executed));
        var input = ShuffleJobs.Job(shuffle.Url("/"), fixture);

        var result = await ResponderJob.RunAsync<ShuffleResponder>(input);

        result.Success.Should().BeTrue(result.OutputText);
        var request = shuffle.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("POST");
        request.Path.Should().Be(ExecutePath, "a trailing slash of url is not doubled");
        request.Headers["Authorization"].Should().Be($"Bearer {ShuffleJobs.ApiKey}");
        request.Headers["Content-Type"].Should().StartWith("application/json");
        request.Json().ShouldBeJson(input["data"]!);
        result.Full.ShouldBeJson($$"""{"Message":"Shuffle executed workflow {{ShuffleJobs.Workflow}}","workflow_id":"{{ShuffleJobs.Workflow}}","execution_id":"6f0e8c1a-exec"}""");
        result.Operations.Should().BeEmpty();
    }

    [Test]
    public async Task ARefusedKeyIsOneLineNamingTheRequestWithoutTheKey()
    {
        await using var shuffle = await HttpPeer.StartAsync();
        shuffle.Answer(HttpPeerAnswer.Json("""{"success":false,"reason":"Invalid API key"}""", 401));

        var result = await ResponderJob.RunAsync<ShuffleResponder>(ShuffleJobs.Job(shuffle.Url("")));

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().StartWith($"POST {shuffle.Url(ExecutePath)} answered 401 Unauthorized: {{\"success\":false,\"reason\":\"Invalid API key\"}}")
            .And.EndWith($"asked Shuffle to execute workflow {ShuffleJobs.Workflow}")
            .And.NotContain("\n");
        result.OutputText.Should().NotContain(ShuffleJobs.ApiKey);
        ((string?)result.ErrorInput!["config"]!["api_key"]).Should().Be("REMOVED");
    }

    [Test]
    public async Task A200ThatSaysTheExecutionFailedIsAnError()
    {
        await using var shuffle = await HttpPeer.StartAsync();
        shuffle.Answer(HttpPeerAnswer.Json("""{"success":false,"reason":"Workflow is not valid"}"""));

        var result = await ResponderJob.RunAsync<ShuffleResponder>(ShuffleJobs.Job(shuffle.Url("")));

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().StartWith(
            $"Shuffle did not execute workflow {ShuffleJobs.Workflow} (200 with success false: Workflow is not valid): "
            + "check the workflow's id and that the API key's user may run it");
    }

    [Test]
    public async Task AnotherSuccessStatusThan200IsAnErrorAsInTheOriginal()
    {
        await using var shuffle = await HttpPeer.StartAsync();
        shuffle.Answer(new HttpPeerAnswer(202));

        var result = await ResponderJob.RunAsync<ShuffleResponder>(ShuffleJobs.Job(shuffle.Url("")));

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().StartWith($"POST {shuffle.Url(ExecutePath)} answered 202 Accepted: Shuffle starts a workflow with 200");
    }

    [Test]
    public async Task A200WithoutABodyIsAStartedWorkflow()
    {
        await using var shuffle = await HttpPeer.StartAsync();
        shuffle.Answer(new HttpPeerAnswer(200, string.Empty, null));

        var result = await ResponderJob.RunAsync<ShuffleResponder>(ShuffleJobs.Job(shuffle.Url("")));

        result.Success.Should().BeTrue(result.OutputText);
        result.Full!.ContainsKey("execution_id").Should().BeFalse();
    }

    [Test]
    public async Task AShuffleThatDoesNotListenIsNamed()
    {
        string url;
        await using (var closed = await HttpPeer.StartAsync())
        {
            url = closed.Url("");
        }

        var result = await ResponderJob.RunAsync<ShuffleResponder>(ShuffleJobs.Job(url));

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().StartWith($"POST {url}api/v1/workflows/{ShuffleJobs.Workflow}/execute failed: ").And.Contain("Connection refused");
    }

    [TestCase("workflow_id", "workflow_id is missing: set the id of the Shuffle workflow to execute in the responder's configuration")]
    [TestCase("api_key", "api_key is missing: set the API key of your Shuffle user in the responder's configuration")]
    public async Task AMissingSettingIsNamedBeforeAnyRequest(string item, string message)
    {
        await using var shuffle = await HttpPeer.StartAsync();

        var result = await ResponderJob.RunAsync<ShuffleResponder>(ShuffleJobs.Job(shuffle.Url(""), configure: c => c.Remove(item)));

        result.ErrorMessage.Should().Be(message);
        shuffle.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task TheWorkflowIdIsEscapedInThePath()
    {
        await using var shuffle = await HttpPeer.StartAsync();
        shuffle.Answer(HttpPeerAnswer.Json(Executed));

        var result = await ResponderJob.RunAsync<ShuffleResponder>(ShuffleJobs.Job(shuffle.Url(""), configure: c => c["workflow_id"] = "../admin?x=1"));

        result.Success.Should().BeTrue(result.OutputText);
        var request = shuffle.Requests.Single();
        request.Path.Should().Be("/api/v1/workflows/..%2Fadmin?x=1/execute", "the id stays one segment (the peer shows ? and = decoded)");
        request.Query.Should().BeEmpty();
    }
}
