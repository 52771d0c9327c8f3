using Cortex.Responders.TestSupport;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Shuffle.Tests;

/// <summary>The sample jobs of tests/fixtures/jobs with the Shuffle flavor's configuration.</summary>
internal static class ShuffleJobs
{
    public const string ApiKey = "shf-7c1e2d9a-4b5f-4e3a-9d8c-api.key.value";
    public const string Workflow = "d4a1e7f2-6c3b-4a9e-8f1d-2b7c5e9a0f31";

    public static readonly string[] Fixtures =
        ["thehive-case.json", "thehive-alert.json", "thehive-case-artifact.json", "thehive-case-task.json", "thehive-case-task-log.json"];

    public static JObject Job(string url, string fixture = "thehive-case.json", Action<JObject>? configure = null)
    {
        var input = JObject.Parse(File.ReadAllText(Repository.Fixture(fixture)));
        var config = new JObject { ["url"] = url, ["api_key"] = ApiKey, ["workflow_id"] = Workflow, ["jobTimeout"] = 10 };
        configure?.Invoke(config);
        input["config"] = config;
        return input;
    }
}
