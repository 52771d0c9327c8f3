using Cortex.Responders.Testing;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Tests;

/// <summary>
/// A job input made of a data type and a config, and its run in-process on a responder declared next to the test.
/// (This assembly sees the library's internals, so its responders override RunAsync <c>protected internal</c>; an
/// author's responder writes <c>protected override</c>.)
/// </summary>
internal static class TestJob
{
    public static JObject Input(JObject config, string dataType = "thehive:case") => new()
    {
        ["data"] = new JObject { ["_type"] = "Case", ["title"] = "Phishing report" },
        ["dataType"] = dataType,
        ["tlp"] = 2,
        ["pap"] = 2,
        ["message"] = string.Empty,
        ["parameters"] = new JObject { ["organisation"] = "soc", ["user"] = "analyst@soc.example" },
        ["config"] = config,
    };

    public static Task<ResponderResult> RunAsync<TResponder>(JObject config, ResponderRunOptions? options = null)
        where TResponder : Responder, new() =>
        ResponderRunner.RunAsync<TResponder>(Input(config), options);
}
