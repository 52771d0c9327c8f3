using Cortex.Responders.TestSupport;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.N8n.Tests;

/// <summary>The sample jobs of tests/fixtures/jobs with the n8n flavor's configuration.</summary>
internal static class N8nJobs
{
    public static readonly string[] Fixtures =
        ["thehive-case.json", "thehive-alert.json", "thehive-case-artifact.json", "thehive-case-task.json", "thehive-case-task-log.json"];

    public static JObject Job(string webhook, string fixture = "thehive-case.json", Action<JObject>? configure = null)
    {
        var input = JObject.Parse(File.ReadAllText(Repository.Fixture(fixture)));
        var config = new JObject { ["webhook"] = webhook, ["jobTimeout"] = 10 };
        configure?.Invoke(config);
        input["config"] = config;
        return input;
    }
}
