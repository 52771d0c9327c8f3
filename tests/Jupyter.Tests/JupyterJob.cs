using System.Text;
using Cortex.Responders.Jupyter.Tests.Peers;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Jupyter.Tests;

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
    public static async Task<CortexRun> RunAsync(string fixture, JObject config, Action<JObject>? edit = null, TimeSpan? timeout = null)
    {
        var root = await PublishedResponders.PublishAsync("Jupyter");
        using var job = CortexJob.FromFixture(fixture, input =>
        {
            input["config"] = config;
            edit?.Invoke(input);
        });
        return await job.RunAsync(root, Command, timeout ?? JobTimeout, environment: new Dictionary<string, string> { ["REQUESTS_CA_BUNDLE"] = string.Empty });
    }

    /// <summary>What Cortex must see on every failure: success false, a one-line message, exit 1, and no secret anywhere.</summary>
    public static void ShouldFail(this CortexRun run, string messagePart, params string[] secrets)
    {
        run.Success.Should().BeFalse(run.ToString());
        run.ExitCode.Should().Be(1, run.ToString());
        run.ErrorMessage.Should().Contain(messagePart, run.ToString());
        run.ErrorMessage.Should().NotContainAny(["\n", "\r"]);
        run.StandardOutput.Should().BeEmpty();
        foreach (var secret in secrets)
        {
            Encoding.UTF8.GetString(run.OutputBytes).Should().NotContain(secret);
            run.StandardError.Should().NotContain(secret);
        }
    }

    public static void ShouldSucceed(this CortexRun run, params string[] secrets)
    {
        run.ExitCode.Should().Be(0, run.ToString());
        run.Success.Should().BeTrue(run.ToString());
        run.Output!["full"].Should().BeOfType<JObject>();
        foreach (var secret in secrets)
        {
            Encoding.UTF8.GetString(run.OutputBytes).Should().NotContain(secret);
            run.StandardError.Should().NotContain(secret);
        }
    }

    public static IReadOnlyList<JObject> Operations(this CortexRun run) => run.Output!["operations"]!.Children<JObject>().ToList();

    public static IReadOnlyList<JObject> Notebooks(this CortexRun run) => run.Output!["full"]!["notebooks"]!.Children<JObject>().ToList();
}
