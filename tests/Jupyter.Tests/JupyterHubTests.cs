using Cortex.Responders;
using Cortex.Workers.Responders.Jupyter.Tests.Peers;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using static Cortex.Workers.Responders.Jupyter.Tests.NotebookFile;

namespace Cortex.Workers.Responders.Jupyter.Tests;

/// <summary>
/// JupyterHub mode against a real JupyterHub started for the fixture: the responder starts the user's named
/// server cortex_job with the service token and works on it, as the original does.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class JupyterHubTests
{
    private JupyterHubPeer hub = null!;

    [OneTimeSetUp]
    public async Task StartHub()
    {
        await PublishedResponders.PublishAsync("Jupyter");
        hub = await JupyterHubPeer.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopHub() => await hub.DisposeAsync();

    [Test]
    public async Task NamedServerIsStartedAndRunsTheNotebookThenIsReusedByTheNextJob()
    {
        File.WriteAllText(Path.Combine(hub.UserDirectory, "hub.ipynb"), Of(
            Code("thehive_input_value = {}", "parameters"),
            Code("import json\nprint(json.dumps({'type': 'AddTagToAlert', 'tag': 'hub:' + thehive_input_value['sourceRef']}))", "operations")).ToString());
        (await hub.ServersAsync()).Should().BeEmpty("no server runs before the first job");

        var first = await JupyterJob.RunAsync("thehive-alert.json", HubConfig("hub.ipynb"));

        first.ShouldSucceed(hub.ServiceToken);
        var sourceRef = (string?)CortexJob.ReadJson(File.ReadAllText(Repository.Fixture("thehive-alert.json")))!["data"]!["sourceRef"];
        first.Operations().Should().ContainSingle().Which.ShouldBeJson(new JObject { ["type"] = "AddTagToAlert", ["tag"] = "hub:" + sourceRef });
        File.Exists(Path.Combine(hub.UserDirectory, "hub-runs", "alert-82604136-hub.ipynb")).Should().BeTrue();
        var server = (await hub.ServersAsync())["cortex_job"];
        server.Should().NotBeNull("the original leaves the named server running for the next job");
        ((bool?)server!["ready"]).Should().BeTrue();
        (await KernelsAsync()).Should().BeEmpty("the job shut its kernel down");

        var second = await JupyterJob.RunAsync("thehive-alert.json", HubConfig("hub.ipynb"));

        second.ShouldSucceed(hub.ServiceToken);
        second.Operations().Should().ContainSingle();
        (await KernelsAsync()).Should().BeEmpty();
    }

    [Test]
    public async Task WrongServiceTokenIsRefusedAndNeverShown()
    {
        const string wrong = "not-the-hub-token-93af";
        var config = HubConfig("hub.ipynb");
        config["input_handler_http_service_api_token"] = wrong;
        config["output_handler_http_service_api_token"] = wrong;

        var run = await JupyterJob.RunAsync("thehive-alert.json", config);

        run.ShouldFail("refused the token while reading the user analyst", wrong, hub.ServiceToken);
    }

    [Test]
    public async Task UnknownUserIsNamed()
    {
        var config = HubConfig("hub.ipynb");
        config["any_handler_http_user"] = "nobody";

        var run = await JupyterJob.RunAsync("thehive-alert.json", config);

        run.ShouldFail("has no user nobody", hub.ServiceToken);
        run.ErrorMessage.Should().Contain("any_handler_http_user");
    }

    [Test]
    public async Task HubWithoutAUserSaysWhichSettingIsMissing()
    {
        var config = HubConfig("hub.ipynb");
        config.Remove("any_handler_http_user");

        var run = await JupyterJob.RunAsync("thehive-alert.json", config);

        run.ShouldFail("any_handler_http_user is empty", hub.ServiceToken);
    }

    private JObject HubConfig(params string[] inputPaths) => new()
    {
        ["input_hostname"] = hub.Url.ToString(),
        ["input_handler_http_service_api_token"] = hub.ServiceToken,
        ["input_handler_http_is_jupyterhub"] = true,
        ["input_handler_http_execute_remotely"] = true,
        ["input_paths"] = new JArray(inputPaths),
        ["output_hostname"] = hub.Url.ToString(),
        ["output_handler_http_service_api_token"] = hub.ServiceToken,
        ["output_handler_http_is_jupyterhub"] = true,
        ["output_folder"] = "hub-runs",
        ["any_handler_http_user"] = JupyterHubPeer.User,
    };

    /// <summary>The kernels of the named server, through the Hub's proxy with the service token.</summary>
    private async Task<JArray> KernelsAsync() => JArray.Parse(await hub.Http.GetStringAsync($"user/{JupyterHubPeer.User}/cortex_job/api/kernels"));
}
