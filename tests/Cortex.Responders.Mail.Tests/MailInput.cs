using Cortex.Responders.TestSupport;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Mail.Tests;

/// <summary>Job inputs for the Mail library's tests: a sample of tests/fixtures/jobs, its config edited by the test.</summary>
internal static class MailInput
{
    /// <summary>The fixture <paramref name="name"/> (its config has from: soc@corp.example), with <paramref name="config"/> merged into its config.</summary>
    public static JObject FromFixture(string name, JObject? config = null)
    {
        var input = CortexJob.ReadJson(File.ReadAllText(Repository.Fixture(name)))!;
        ((JObject)input["config"]!).Merge(config ?? []);
        return input;
    }
}
