using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Tests.Parameters;

/// <summary>RequireParam returns a non-null value or ends the job; <c>throw Fail(…)</c> ends it as Error does; a removed feature names its switch.</summary>
[TestFixture]
public sealed class RequireParamTests
{
    [Test]
    public async Task RequiredValueIsReturned()
    {
        var result = await TestJob.RunAsync<RequiringResponder>(new JObject { ["url"] = "https://hooks.example/notify", ["retries"] = 4 });

        result.Success.Should().BeTrue(result.OutputText);
        result.Full!["url"]!.Value<string>().Should().Be("https://hooks.example/notify");
        result.Full!["retries"]!.Value<int>().Should().Be(4);
    }

    [TestCase(null, TestName = "MissingRequiredValueEndsTheJobWithTheMessage(absent)")]
    [TestCase("null", TestName = "MissingRequiredValueEndsTheJobWithTheMessage(null)")]
    public async Task MissingRequiredValueEndsTheJobWithTheMessage(string? url)
    {
        var config = new JObject { ["retries"] = 4 };
        if (url is not null)
        {
            config["url"] = JValue.CreateNull();
        }

        var result = await TestJob.RunAsync<RequiringResponder>(config);

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().Be("Missing url: set the webhook's URL");
        result.ExitCode.Should().Be(1);
    }

    [Test]
    public async Task RequiredValueOfTheWrongKindNamesThePath()
    {
        var result = await TestJob.RunAsync<RequiringResponder>(new JObject { ["url"] = "https://hooks.example/notify", ["retries"] = "many" });

        result.ErrorMessage.Should().Contain("config.retries");
    }

    [Test]
    public async Task ThrownFailWritesTheSameOutputAsError()
    {
        var failed = await TestJob.RunAsync<FailingResponder>(new JObject { ["how"] = "fail" });
        var errored = await TestJob.RunAsync<FailingResponder>(new JObject { ["how"] = "error" });

        failed.ErrorMessage.Should().Be("Cannot read the export: disk on fire");
        failed.ExitCode.Should().Be(1);
        failed.Output!.Should().ContainKey("input");
        failed.Output!.Properties().Select(p => p.Name).Should().Equal(errored.Output!.Properties().Select(p => p.Name));
        errored.ErrorMessage.Should().Be(failed.ErrorMessage);
        failed.Log.Should().NotContain("JobStoppedException", "a thrown Fail is the job's end, not a crash");
    }

    [Test]
    public async Task FailThatIsNotThrownStillEndsTheJob()
    {
        var result = await TestJob.RunAsync<FailingResponder>(new JObject { ["how"] = "forget" });

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().Be("Cannot read the export: disk on fire", "the later Report throws JobStoppedException, as after Error");
    }

    [Test]
    public async Task FailKeepsTheJobsSecretsOut()
    {
        var result = await TestJob.RunAsync<FailingResponder>(new JObject { ["how"] = "secret", ["api_key"] = "k3y-0f-the-job" });

        result.ErrorMessage.Should().NotContain("k3y-0f-the-job");
        result.Output!["input"]!["config"]!["api_key"]!.Value<string>().Should().Be("REMOVED");
    }

    [Test]
    public async Task RemovedFeatureNamesTheSwitchThatKeepsIt()
    {
        var result = await TestJob.RunAsync<RemovedFeatureResponder>(new JObject());

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().StartWith("NotSupportedException: the published executable lacks a method the worker called, most likely Newtonsoft.Json's reflection serializer")
            .And.Contain("<CortexJsonSerializerSupport>true</CortexJsonSerializerSupport>")
            .And.Contain("JObject");
    }

    [Test]
    public async Task OtherNotSupportedExceptionsAreLeftAsTheyAre()
    {
        var result = await TestJob.RunAsync<RemovedFeatureResponder>(new JObject { ["other"] = true });

        result.ErrorMessage.Should().Be("NotSupportedException: no IPv7 yet");
    }

    /// <summary>Reads config.url and config.retries with RequireParam, no <c>!</c> needed.</summary>
    private sealed class RequiringResponder : Responder
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            string url = RequireParam<string>("config.url", "Missing url: set the webhook's URL");
            int retries = RequireParam<int>("config.retries", "Missing retries");
            Report(new JObject { ["url"] = url, ["length"] = url.Length, ["retries"] = retries });
            return Task.CompletedTask;
        }
    }

    /// <summary>Fails in a catch (config.how: fail, error, forget, secret); the variable assigned in the try is used after it.</summary>
    private sealed class FailingResponder : Responder
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            var how = RequireParam<string>("config.how", "Missing how");
            string text;
            try
            {
                text = how == "ok" ? "fine" : throw new IOException("disk on fire");
            }
            catch (IOException e) when (how == "fail")
            {
                throw Fail($"Cannot read the export: {e.Message}");
            }
            catch (IOException e) when (how == "error")
            {
                Error($"Cannot read the export: {e.Message}");
                return Task.CompletedTask;
            }
            catch (IOException e) when (how == "forget")
            {
                _ = Fail($"Cannot read the export: {e.Message}");
                text = "went on";
            }
            catch (IOException)
            {
                throw Fail($"Cannot reach the server with key {GetParam<string>("config.api_key")}");
            }

            Report(new JObject { ["text"] = text });
            return Task.CompletedTask;
        }
    }

    /// <summary>Throws what Native AOT throws for a removed method body (or another NotSupportedException with config.other).</summary>
    private sealed class RemovedFeatureResponder : Responder
    {
        protected override Task RunAsync(CancellationToken cancellationToken) =>
            throw (GetParam("config.other", false)
                ? new NotSupportedException("no IPv7 yet")
                : new NotSupportedException("The feature associated with this method was removed."));
    }
}
