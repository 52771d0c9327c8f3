using Cortex.Responders;
using Cortex.Responders.Testing;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Workers.Responders.Echo.Tests;

/// <summary>Echo in-process with the testing helper, as a responder author tests theirs.</summary>
[TestFixture]
public sealed class EchoResponderTests
{
    [Test]
    public async Task FixtureWithoutTheFlavorsServiceSaysItIsMissing()
    {
        var result = await ResponderJob.RunInputFileAsync<EchoResponder>(Repository.Fixture("thehive-case.json"));

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().Be("Service parameter is missing.");
        result.ExitCode.Should().Be(1);
    }

    [Test]
    public async Task TestServiceOnACaseTagsTheCase()
    {
        var input = JObject.Parse(File.ReadAllText(Repository.Fixture("thehive-case.json")));
        input["config"]!["service"] = "test";

        var result = await ResponderJob.RunAsync<EchoResponder>(input);

        result.Success.Should().BeTrue(result.OutputText);
        ((string?)result.Full!["message"]).Should().Be("test");
        result.Operations.Should().ContainSingle().Which.ToString(Newtonsoft.Json.Formatting.None)
            .Should().Be("""{"type":"AddTagToCase","tag":"test"}""");
    }

    [Test]
    public async Task EchoServiceMasksTheSmtpPasswordWhenItFails()
    {
        var input = JObject.Parse(File.ReadAllText(Repository.Fixture("thehive-case-task.json")));
        input["config"]!["service"] = "echo";
        input["config"]!["smtp_pwd"] = "correct horse battery staple";
        input["data"] = "not an object";

        var result = await ResponderJob.RunAsync<EchoResponder>(input);

        result.ErrorMessage.Should().StartWith("data must be an object, but it is");
        ((string?)result.ErrorInput!["config"]!["smtp_pwd"]).Should().Be("REMOVED");
    }
}
