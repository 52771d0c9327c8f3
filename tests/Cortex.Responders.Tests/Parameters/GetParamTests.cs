using Cortex.Responders.Testing;
using FluentAssertions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Tests.Parameters;

/// <summary>GetParam as cortexutils' get_param: dotted paths, null means missing, default or error, plus typing; read by the responders declared below.</summary>
[TestFixture]
public sealed class GetParamTests
{
    private static readonly JObject Sample = JObject.Parse("""
        {"smtp": {"host": "mail.example", "port": 587, "port_text": "2525", "tls": true, "tls_text": "false",
                  "user": null, "ratio": 2.5, "whole": 3.0, "big": 12345678901, "to": ["a@x.example", "b@x.example"], "mixed": ["a", {"b": 1}]},
         "list": [{"name": "first"}, {"name": "second"}]}
        """);

    public static IEnumerable<TestCaseData> Found()
    {
        yield return Case("config.sample.smtp.host", "string", "\"mail.example\"");
        yield return Case("config.sample.smtp.port", "int", "587");
        yield return Case("config.sample.smtp.port_text", "int", "2525");
        yield return Case("config.sample.smtp.port", "string", "\"587\"");
        yield return Case("config.sample.smtp.big", "long", "12345678901");
        yield return Case("config.sample.smtp.ratio", "double", "2.5");
        yield return Case("config.sample.smtp.ratio", "decimal", "2.5");
        yield return Case("config.sample.smtp.whole", "int", "3");
        yield return Case("config.sample.smtp.tls", "bool", "true");
        yield return Case("config.sample.smtp.tls_text", "bool", "false");
        yield return Case("config.sample.smtp.to", "string[]", """["a@x.example","b@x.example"]""");
        yield return Case("config.sample.smtp", "object", null);
        yield return Case("config.sample.list.1.name", "string", "\"second\"");
        yield return Case("data.title", "raw", "\"Phishing report\"");

        static TestCaseData Case(string path, string type, string? json) => new TestCaseData(path, type, json).SetName($"PresentValueIsConverted({path} as {type})");
    }

    [TestCaseSource(nameof(Found))]
    public async Task PresentValueIsConverted(string path, string type, string? json)
    {
        var result = await TestJob.RunAsync<ParamResponder>(new JObject { ["path"] = path, ["type"] = type, ["sample"] = Sample });

        result.Success.Should().BeTrue(result.OutputText);
        var value = result.Full!["value"]!;
        if (json is null)
        {
            JToken.DeepEquals(value, Sample["smtp"]).Should().BeTrue();
        }
        else
        {
            value.ToString(Formatting.None).Should().Be(json);
        }
    }

    [TestCase("config.sample.smtp.missing", TestName = "MissingOrNullValueGivesTheDefault(missing key)")]
    [TestCase("config.sample.smtp.user", TestName = "MissingOrNullValueGivesTheDefault(null value)")]
    [TestCase("config.sample.smtp.host.deeper", TestName = "MissingOrNullValueGivesTheDefault(path through a string)")]
    [TestCase("config.sample.list.7.name", TestName = "MissingOrNullValueGivesTheDefault(index out of range)")]
    [TestCase("nothing.here", TestName = "MissingOrNullValueGivesTheDefault(missing root)")]
    public async Task MissingOrNullValueGivesTheDefault(string path)
    {
        var result = await TestJob.RunAsync<ParamResponder>(new JObject { ["path"] = path, ["type"] = "string", ["default"] = "fallback", ["sample"] = Sample });

        ((string?)result.Full!["value"]).Should().Be("fallback");
    }

    [Test]
    public async Task MissingValueWithAMessageEndsTheJobWithThatMessage()
    {
        var result = await TestJob.RunAsync<ParamResponder>(new JObject
        {
            ["path"] = "config.sample.smtp.user", ["type"] = "string", ["message"] = "Missing SMTP user", ["sample"] = Sample,
        });

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().Be("Missing SMTP user");
        result.ExitCode.Should().Be(1);
    }

    [TestCase("config.sample.smtp.host", "int", "config.sample.smtp.host must be a whole number, but it is the string \"mail.example\"")]
    [TestCase("config.sample.smtp.ratio", "int", "config.sample.smtp.ratio must be a whole number, but it is the number 2.5")]
    [TestCase("config.sample.smtp.big", "int", "config.sample.smtp.big must be a whole number, but it is the number 12345678901")]
    [TestCase("config.sample.smtp.host", "bool", "config.sample.smtp.host must be a boolean, but it is the string \"mail.example\"")]
    [TestCase("config.sample.smtp", "string", "config.sample.smtp must be a string, but it is an object")]
    [TestCase("config.sample.smtp.mixed", "string[]", "config.sample.smtp.mixed must be an array of strings, but it is an array")]
    [TestCase("config.sample.list", "object", "config.sample.list must be an object, but it is an array")]
    public async Task ValueOfTheWrongKindEndsTheJobNamingThePath(string path, string type, string message)
    {
        var result = await TestJob.RunAsync<ParamResponder>(new JObject { ["path"] = path, ["type"] = type, ["sample"] = Sample });

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().Be(message);
    }

    [Test]
    public async Task GetDataOfAJobWithoutDataEndsWithCortexutilsMessage()
    {
        var input = TestJob.Input(new JObject { ["path"] = "data", ["type"] = "raw", ["message"] = "Missing data field" });
        input.Remove("data");

        var result = await ResponderJob.RunAsync<ParamResponder>(input);

        result.ErrorMessage.Should().Be("Missing data field");
    }

    [Test]
    public async Task GetEnvReadsTheEnvironmentWithDefaultAndMessage()
    {
        var environment = new Dictionary<string, string> { ["ACME_TOKEN_FILE"] = "/run/secrets/acme" };
        var present = await TestJob.RunAsync<EnvironmentResponder>(new JObject { ["name"] = "ACME_TOKEN_FILE" }, new() { Environment = environment });
        var defaulted = await TestJob.RunAsync<EnvironmentResponder>(new JObject { ["name"] = "ACME_OTHER", ["default"] = "dflt" }, new() { Environment = environment });
        var required = await TestJob.RunAsync<EnvironmentResponder>(new JObject { ["name"] = "ACME_OTHER", ["message"] = "set ACME_OTHER" }, new() { Environment = environment });

        ((string?)present.Full!["value"]).Should().Be("/run/secrets/acme");
        ((string?)defaulted.Full!["value"]).Should().Be("dflt");
        required.ErrorMessage.Should().Be("set ACME_OTHER");
    }

    [Test]
    public async Task LongStringOfTheWrongKindIsNotQuotedInTheMessage()
    {
        var result = await TestJob.RunAsync<ParamResponder>(new JObject
        {
            ["path"] = "config.api_key", ["type"] = "int", ["api_key"] = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        });

        result.ErrorMessage.Should().Be("config.api_key must be a whole number, but it is a string of 64 characters");
    }

    [Test]
    public async Task UnsupportedTypeIsRefusedEvenWhenTheKeyIsMissing()
    {
        var result = await TestJob.RunAsync<ParamResponder>(new JObject { ["path"] = "config.not_there", ["type"] = "float" });

        result.ErrorMessage.Should().StartWith("NotSupportedException: GetParam<Single> is not supported");
    }

    /// <summary>Reports GetParam(config.path) read as config.type, with config.default and config.message when given.</summary>
    private sealed class ParamResponder : Responder
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Report(new JObject { ["value"] = ReadParam() });
            return Task.CompletedTask;
        }

        private JToken? ReadParam()
        {
            var path = GetParam<string>("config.path")!;
            var message = GetParam<string>("config.message");
            return GetParam<string>("config.type") switch
            {
                "string" => GetParam(path, GetParam<string>("config.default"), message),
                "int" => GetParam(path, GetParam("config.default", -1), message),
                "long" => GetParam(path, GetParam("config.default", -1L), message),
                "double" => GetParam(path, GetParam("config.default", -1.0), message),
                "decimal" => GetParam(path, GetParam("config.default", -1m), message),
                "bool" => GetParam(path, GetParam("config.default", false), message),
                "string[]" => GetParam<string[]>(path, null, message) is { } items ? new JArray(items) : null,
                "object" => GetParam<JObject>(path, null, message),
                "float" => GetParam(path, 1.5f, message),
                _ => GetParam<JToken>(path, null, message),
            };
        }
    }

    /// <summary>Reports GetEnv(config.name, config.default, config.message).</summary>
    private sealed class EnvironmentResponder : Responder
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Report(new JObject { ["value"] = GetEnv(GetParam<string>("config.name")!, GetParam<string>("config.default"), GetParam<string>("config.message")) });
            return Task.CompletedTask;
        }
    }
}
