using Cortex.Responders;
using System.Text;
using Cortex.Workers.Responders.Jupyter.Tests.Peers;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter.Tests;

/// <summary>Runs the published Jupyter responder on a fixture as Cortex does (<c>&lt;root&gt;/Jupyter/Jupyter &lt;jobFolder&gt;</c>, cwd = root).</summary>
internal static class JupyterJob
{
    public const string Command = "Jupyter/Jupyter";

    /// <summary>Cortex's job timeout for these runs: far above a job's few seconds, far below the test's hard limit.</summary>
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(50);

    /// <summary>The configuration of a job that reads from and saves to <paramref name="server"/> (a plain Jupyter server).</summary>
    public static JObject ServerConfig(JupyterServerPeer server, string outputFolder, params string[] inputPaths) => new()
    {
        ["input_hostname"] = server.Url.ToString(),
        ["input_handler_http_service_api_token"] = server.Token,
        ["input_handler_http_is_jupyterhub"] = false,
        ["input_handler_http_execute_remotely"] = true,
        ["input_paths"] = new JArray(inputPaths),
        ["output_hostname"] = server.Url.ToString(),
        ["output_handler_http_service_api_token"] = server.Token,
        ["output_handler_http_is_jupyterhub"] = false,
        ["output_folder"] = outputFolder,
        ["check_tlp"] = true,
        ["max_tlp"] = 4,
        ["check_pap"] = true,
        ["max_pap"] = 3,
    };

    /// <summary>Runs the responder on <paramref name="fixture"/> with <paramref name="config"/>, after <paramref name="edit"/>.</summary>
    public static async Task<CortexRun> RunAsync(
        string fixture, JObject config, Action<JObject>? edit = null, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var root = await PublishedResponders.PublishAsync("Jupyter");
        using var job = CortexJob.FromFixture(fixture, input =>
        {
            input["config"] = config;
            edit?.Invoke(input);
        });
        var variables = new Dictionary<string, string> { ["REQUESTS_CA_BUNDLE"] = string.Empty };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }

        return await job.RunAsync(root, Command, timeout ?? JobTimeout, environment: variables);
    }

    // ShouldFail (success false, one line, exit 1, no secret) and Operations are TestSupport's, shared with the mail tests.

    /// <summary>A successful job whose output and standard error hold none of <paramref name="secrets"/>.</summary>
    public static void ShouldSucceed(this CortexRun run, params string[] secrets)
    {
        MailJob.ShouldSucceed(run);
        foreach (var secret in secrets)
        {
            Encoding.UTF8.GetString(run.OutputBytes).Should().NotContain(secret);
            run.StandardError.Should().NotContain(secret);
        }
    }

    /// <summary>The configuration of a job that reads from and saves to local folders, and so runs on a kernel of the host.</summary>
    public static JObject LocalConfig(string inputFolder, string outputFolder, params string[] inputPaths) => new()
    {
        ["input_hostname"] = inputFolder,
        ["input_paths"] = new JArray(inputPaths),
        ["output_hostname"] = outputFolder,
        ["output_folder"] = "runs",
        ["check_tlp"] = true,
        ["max_tlp"] = 4,
        ["check_pap"] = true,
        ["max_pap"] = 3,
    };

    public static IReadOnlyList<JObject> Notebooks(this CortexRun run) => run.Output!["full"]!["notebooks"]!.Children<JObject>().ToList();
}
