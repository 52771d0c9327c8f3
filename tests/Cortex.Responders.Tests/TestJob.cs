using Cortex.Responders.Testing;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Tests;

/// <summary>
/// A job input made of a data type and a config, and its run in-process on a responder declared next to the test.
/// </summary>
internal static class TestJob
{
    public static JObject Input(JObject config, string dataType = DataTypes.Case) => new()
    {
        ["data"] = new JObject { ["_type"] = "Case", ["title"] = "Phishing report" },
        ["dataType"] = dataType,
        ["tlp"] = 2,
        ["pap"] = 2,
        ["message"] = string.Empty,
        ["parameters"] = new JObject { ["organisation"] = "soc", ["user"] = "analyst@soc.example" },
        ["config"] = config,
    };

    public static Task<ResponderResult> RunAsync<TResponder>(JObject config, JobOptions? options = null)
        where TResponder : Responder, new() =>
        ResponderJob.RunAsync<TResponder>(Input(config), options);
}
