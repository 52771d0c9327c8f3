using Cortex.Responders;
using Cortex.Workers.Responders.Jupyter.Tests.Peers;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using static Cortex.Workers.Responders.Jupyter.Tests.NotebookFile;

namespace Cortex.Workers.Responders.Jupyter.Tests.Runs;

/// <summary>
/// Where notebooks are read, run and saved (NotebookPlaces): a local folder, the Jupyter server, the Cortex host's
/// kernels or the server's, as the original's settings choose; the published responder against a real server.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class NotebookPlacesTests
{
    private const string CaseName = "case-41156688";

    /// <summary>A variable of the worker's environment, which a kernel of the host inherits and the server's does not.</summary>
    private static readonly Dictionary<string, string> HostMark = new() { ["CORTEX_TEST_MARK"] = "on-the-host" };

    private JupyterServerPeer server = null!;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        await PublishedResponders.PublishAsync("Jupyter");
        server = await JupyterServerPeer.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopServer() => await server.DisposeAsync();

    [TearDown]
    public async Task NoKernelIsLeft() => (await server.KernelsAsync()).Should().BeEmpty("every job shuts its kernels down");

    [Test]
    public async Task NotebookFromALocalFolderRunsOnTheCortexHostAndIsSavedOnTheServer()
    {
        using var folder = new TemporaryDirectory();
        File.WriteAllText(Path.Combine(folder.Path, "local.ipynb"), Of(Code("import json, os\nprint(json.dumps({'type': 'AddTagToCase', 'tag': "
            + "os.environ['CORTEX_TEST_MARK']}))", "operations")).ToString());
        var config = JupyterJob.ServerConfig(server, "from-disk", "local.ipynb");
        config["input_hostname"] = folder.Path;
        config.Remove("input_handler_http_service_api_token");

        var run = await JupyterJob.RunAsync("thehive-case.json", config, environment: HostMark);

        run.ShouldSucceed(server.Token);
        run.Operations().Single()["tag"]!.Value<string>().Should().Be("on-the-host", "as in the original, a notebook read from a local folder runs on a kernel of the Cortex host");
        File.Exists(Path.Combine(server.RootDirectory, "from-disk", $"{CaseName}-local.ipynb")).Should().BeTrue();
    }

    [Test]
    public async Task ExecuteRemotelyFalseReadsFromTheServerAndRunsOnTheCortexHost()
    {
        server.WriteNotebook("host.ipynb", Of(Code("import json, os\nprint(json.dumps({'type': 'AddTagToCase', 'tag': "
            + "os.environ.get('CORTEX_TEST_MARK', 'on-the-server')}))", "operations")));
        var config = JupyterJob.ServerConfig(server, "host-out", "host.ipynb");
        config.Remove("input_handler_http_execute_remotely");

        var run = await JupyterJob.RunAsync("thehive-case.json", config, environment: HostMark);

        run.ShouldSucceed(server.Token);
        run.Operations().Single()["tag"]!.Value<string>().Should().Be("on-the-host", "input_handler_http_execute_remotely is false by default, as in the original");
        Stdout(server.ReadNotebook($"host-out/{CaseName}-host.ipynb")["cells"]![1]!).Should().Contain("on-the-host", "the executed notebook is saved on the server");
    }

    [Test]
    public async Task ExecuteRemotelyTrueRunsOnTheServersKernel()
    {
        server.WriteNotebook("remote.ipynb", Of(Code("import json, os\nprint(json.dumps({'type': 'AddTagToCase', 'tag': "
            + "os.environ.get('CORTEX_TEST_MARK', 'on-the-server')}))", "operations")));

        var run = await JupyterJob.RunAsync("thehive-case.json", JupyterJob.ServerConfig(server, "remote-out", "remote.ipynb"), environment: HostMark);

        run.ShouldSucceed(server.Token);
        run.Operations().Single()["tag"]!.Value<string>().Should().Be("on-the-server");
    }

    [Test]
    public async Task ExecutedNotebookIsSavedToALocalFolderWithDateCodes()
    {
        using var folder = new TemporaryDirectory();
        server.WriteNotebook("to-disk.ipynb", Of(Code("print('saved locally')")));
        var config = JupyterJob.ServerConfig(server, "cortex/%Y/%m/%d", "to-disk.ipynb");
        config["output_hostname"] = folder.Path;
        var before = DateTime.Now;

        var run = await JupyterJob.RunAsync("thehive-case-artifact.json", config);

        run.ShouldSucceed(server.Token);
        var candidates = new[] { before, DateTime.Now }.Select(d => Path.Combine(
            folder.Path, "cortex", d.ToString("yyyy/MM/dd", System.Globalization.CultureInfo.InvariantCulture), "case-41156688-observable-8392-to-disk.ipynb"));
        var file = candidates.FirstOrDefault(File.Exists);
        file.Should().NotBeNull($"the notebook is saved as one of {string.Join(", ", candidates)}");
        ((string?)run.Notebooks().Single()["output"]).Should().Be(file);
        Stdout(NotebookFile.Read(file!)["cells"]![1]!).Should().Be("saved locally\n");
    }
}
