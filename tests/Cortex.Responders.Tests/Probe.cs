using Cortex.Responders.Probe;
using Cortex.Responders.Testing;
using Cortex.Responders.TestSupport;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Tests;

/// <summary>Runs the probe responder in-process on a job made of a data type and a config.</summary>
internal static class Probe
{
    public static JObject Job(JObject config, string dataType = "thehive:case") => new()
    {
        ["data"] = new JObject { ["_type"] = "Case", ["title"] = "Phishing report" },
        ["dataType"] = dataType,
        ["tlp"] = 2,
        ["pap"] = 2,
        ["message"] = string.Empty,
        ["parameters"] = new JObject { ["organisation"] = "soc", ["user"] = "analyst@soc.example" },
        ["config"] = config,
    };

    public static Task<ResponderResult> RunAsync(JObject config, ResponderRunOptions? options = null) =>
        ResponderRunner.RunAsync<ProbeResponder>(Job(config), options);

    public static Task<ResponderResult> RunInputAsync(JObject input, ResponderRunOptions? options = null) =>
        ResponderRunner.RunAsync<ProbeResponder>(input, options);

    /// <summary>
    /// The folder of the probe executable (framework-dependent apphost), in the probe's own build output: the
    /// copy beside the tests would resolve its dependencies against this test project's frameworks.
    /// </summary>
    public static string Root { get; } = Path.Combine(
        Repository.Root, "tests", "ProbeResponder", "bin", new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name, "net10.0");

    public const string Command = "ProbeResponder";
}
