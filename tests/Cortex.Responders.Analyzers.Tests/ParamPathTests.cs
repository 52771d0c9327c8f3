using FluentAssertions;
using NUnit.Framework;
using static Cortex.Responders.Analyzers.Tests.WorkerCompilation;

namespace Cortex.Responders.Analyzers.Tests;

/// <summary>CORTEX003: a GetParam path that is not a dotted path.</summary>
[TestFixture]
public sealed class ParamPathTests
{
    [TestCase("GetParam<string>(\"config/url\")", "config/url", "keys are separated with dots, not slashes", "GetParam", TestName = "PathThatIsNotDottedFires(slash)")]
    [TestCase("GetParam(\"data.artifacts[0].data\")", "data.artifacts[0].data", "brackets are not indexes: write data.artifacts.0", "GetParam", TestName = "PathThatIsNotDottedFires(brackets)")]
    [TestCase("RequireParam<string>(\"$.config.url\", \"Missing url\")", "$.config.url", "it is not a JSONPath: no $", "RequireParam", TestName = "PathThatIsNotDottedFires(JSONPath)")]
    [TestCase("GetParam(\"config..url\", \"x\")", "config..url", "it has an empty key: no leading, trailing or doubled dot", "GetParam", TestName = "PathThatIsNotDottedFires(doubled dot)")]
    [TestCase("GetParam<string>(message: \"Missing\", path: \"config.smtp host\")", "config.smtp host", "it holds white space", "GetParam", TestName = "PathThatIsNotDottedFires(named argument with a space)")]
    public async Task PathThatIsNotDottedFires(string call, string path, string problem, string method)
    {
        var diagnostics = await AnalyzeAsync(Responder($"_ = {call};\nReport(new JObject());"));

        var diagnostic = diagnostics.Should().ContainSingle(d => d.Id == "CORTEX003").Subject;
        diagnostic.Text().Should().Be($"\"{path}\"");
        diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Should().Be($"\"{path}\" is not a dotted path ({problem}): {method} reads paths such as \"config.smtp_host\" or \"data.artifacts.0.data\", so this one is always missing");
    }

    [TestCase("GetParam<string>(\"config.smtp_host\")", TestName = "DottedPathIsSilent(config key)")]
    [TestCase("GetParam(\"data.artifacts.0.data\")", TestName = "DottedPathIsSilent(array index)")]
    [TestCase("RequireParam<string>(\"data.customFields.business-unit.string\", \"x\")", TestName = "DottedPathIsSilent(dashes)")]
    [TestCase("GetParam<string>(\"config.\" + DataType)", TestName = "DottedPathIsSilent(not a constant)")]
    public async Task DottedPathIsSilent(string call)
    {
        var diagnostics = await AnalyzeAsync(Responder($"_ = {call};\nReport(new JObject());"));

        diagnostics.Should().NotContain(d => d.Id == "CORTEX003");
    }
}
