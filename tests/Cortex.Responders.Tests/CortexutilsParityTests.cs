using Cortex.Responders.Testing;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Tests;

/// <summary>The cases of cortexutils' own test suite that apply to a responder, on the same fixtures, with the responders declared below.</summary>
[TestFixture]
public sealed class CortexutilsParityTests
{
    [Test]
    public async Task MinimalConfigGivesCortexutilsDefaults()
    {
        var result = await ResponderJob.RunAsync<FieldsResponder>(JObject.Parse("""{"dataType": "ip", "data": "1.1.1.1"}"""));

        result.Success.Should().BeTrue(result.OutputText);
        result.Full!.ToString(Newtonsoft.Json.Formatting.None).Should().Be(
            """{"dataType":"ip","tlp":2,"pap":2,"httpProxy":null,"httpsProxy":null}""");
    }

    [Test]
    public async Task ProxyConfigIsRead()
    {
        var result = await ResponderJob.RunAsync<FieldsResponder>(JObject.Parse("""
            {"dataType": "ip", "data": "1.1.1.1",
             "config": {"proxy": {"http": "http://local.proxy:8080", "https": "http://local.proxy:8080"}}}
            """));

        ((string?)result.Full!["httpProxy"]).Should().Be("http://local.proxy:8080");
        ((string?)result.Full!["httpsProxy"]).Should().Be("http://local.proxy:8080");
    }

    [TestCase("tlp", false, 2, 3, true, TestName = "LevelCheckRunsOrRefusesAsCortexutils(TLP disabled, above max: runs)")]
    [TestCase("tlp", true, 1, 3, false, TestName = "LevelCheckRunsOrRefusesAsCortexutils(TLP enabled, 3 above max 1: refused)")]
    [TestCase("tlp", true, 3, 3, true, TestName = "LevelCheckRunsOrRefusesAsCortexutils(TLP enabled, 3 at max 3: runs)")]
    [TestCase("pap", false, 2, 3, true, TestName = "LevelCheckRunsOrRefusesAsCortexutils(PAP disabled, above max: runs)")]
    [TestCase("pap", true, 1, 3, false, TestName = "LevelCheckRunsOrRefusesAsCortexutils(PAP enabled, 3 above max 1: refused)")]
    [TestCase("pap", true, 3, 3, true, TestName = "LevelCheckRunsOrRefusesAsCortexutils(PAP enabled, 3 at max 3: runs)")]
    public async Task LevelCheckRunsOrRefusesAsCortexutils(string level, bool check, int max, int value, bool runs)
    {
        var input = JObject.Parse("""{"dataType": "ip", "data": "1.1.1.1"}""");
        input[level] = value;
        input["config"] = new JObject { [$"check_{level}"] = check, [$"max_{level}"] = max };

        var result = await ResponderJob.RunAsync<FieldsResponder>(input);

        result.Success.Should().Be(runs);
        result.ErrorMessage.Should().Be(runs ? null : $"{level.ToUpperInvariant()} is higher than allowed.");
    }

    [Test]
    public async Task TlpAndPapDefaultToTwoAndMaximaToTwo()
    {
        var input = JObject.Parse("""{"dataType": "ip", "data": "1.1.1.1", "tlp": 3, "config": {"check_tlp": true}}""");

        var result = await ResponderJob.RunAsync<FieldsResponder>(input);

        result.ErrorMessage.Should().Be("TLP is higher than allowed.");
    }

    [Test]
    public async Task ErrorResponseMasksSecretsAsCortexutilsAndBeyond()
    {
        var input = JObject.Parse("""
            {"dataType": "ip", "data": "1.1.1.1",
             "config": {"message": "Error", "password": "secret", "key": "secret", "apikey": "secret",
                        "api_key": "secret", "apiSecret": "secret", "api_Pass": "secret", "API": "secret"}}
            """);

        var result = await ResponderJob.RunAsync<ErrorResponder>(input);

        result.Success.Should().BeFalse();
        result.ExitCode.Should().Be(1);
        result.ErrorMessage.Should().Be("Error");
        var returned = result.ErrorInput!;
        ((string?)returned["dataType"]).Should().Be("ip");
        ((string?)returned["data"]).Should().Be("1.1.1.1");
        var config = returned["config"]!;
        foreach (var key in new[] { "password", "key", "apikey", "api_key", "apiSecret" })
        {
            ((string?)config[key]).Should().Be("REMOVED", key);
        }

        // Deliberate changes: cortexutils keeps "api_Pass" ("pass" is one of our phrases) and "API" (its
        // value is the same string as the masked secrets, and a secret's value is removed wherever it appears).
        ((string?)config["api_Pass"]).Should().Be("REMOVED");
        ((string?)config["API"]).Should().Be("REMOVED");
    }

    [Test]
    public async Task AReportIsWrittenAsCortexutilsWritesIt()
    {
        var result = await TestJob.RunAsync<ReportingResponder>(JObject.Parse("""{"full": {"report_id": "12345"}}"""));

        result.Success.Should().BeTrue();
        result.Output!.ContainsKey("errorMessage").Should().BeFalse();
        ((string?)result.Full!["report_id"]).Should().Be("12345");
        result.Output!["operations"].Should().BeOfType<JArray>();
        result.ExitCode.Should().Be(0);
    }

    /// <summary>Reports what the job says of itself, as cortexutils' tests read it.</summary>
    private sealed class FieldsResponder : Responder
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Report(new JObject { ["dataType"] = DataType, ["tlp"] = Tlp, ["pap"] = Pap, ["httpProxy"] = HttpProxy, ["httpsProxy"] = HttpsProxy });
            return Task.CompletedTask;
        }
    }

    private sealed class ErrorResponder : Responder
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Error(GetParam<string>("config.message")!);
            return Task.CompletedTask;
        }
    }

    private sealed class ReportingResponder : Responder
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Report(GetParam<JObject>("config.full")!);
            return Task.CompletedTask;
        }
    }
}
