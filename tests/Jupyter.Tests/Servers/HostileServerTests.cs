using Cortex.Responders.TestSupport;
using Cortex.Workers.Responders.Jupyter.Tests.Local;
using Cortex.Workers.Responders.Jupyter.Tests.Peers;
using FluentAssertions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using static Cortex.Workers.Responders.Jupyter.Tests.NotebookFile;

namespace Cortex.Workers.Responders.Jupyter.Tests.Servers;

/// <summary>
/// The published responder against a real Jupyter server at its edges: stopped while a kernel starts, a kernel
/// that dies, an answer larger than the responder reads, websocket frames broken on the way. Every test ends
/// with the server's kernel list empty.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class HostileServerTests
{
    private static readonly Dictionary<string, string> NoVariables = new() { ["REQUESTS_CA_BUNDLE"] = string.Empty };

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
    [Repeat(3)]
    public async Task SigtermWhileTheKernelStartsLeavesNoKernelRunning()
    {
        server.WriteNotebook("quick.ipynb", Of(Code("1 + 1")));
        await using var job = await StartedJob.StartAsync("thehive-case.json", JupyterJob.ServerConfig(server, "quick", "quick.ipynb"), NoVariables);

        await job.WaitForLineAsync("Starting a python3 kernel");
        await job.SignalAsync("TERM");
        var (exitCode, errors, output) = await job.WaitAsync();

        exitCode.Should().Be(1, errors);
        ((bool?)output?["success"]).Should().BeFalse();
        ((string?)output!["errorMessage"]).Should().Contain("cancelled");
        errors.Should().NotContain("could not be shut down");
    }

    [Test]
    public async Task KernelThatDiesMidCellIsShutDownAndTheJobSaysWhy()
    {
        server.WriteNotebook("dies.ipynb", Of(Code("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)")));

        var run = await JupyterJob.RunAsync("thehive-case.json", JupyterJob.ServerConfig(server, "dies", "dies.ipynb"));

        run.ShouldFail("the kernel died", server.Token);
        run.ErrorMessage.Should().Contain("the kernel is shut down");
    }

    [Test]
    public async Task AnswerOverTheLimitFailsInOneLineAndNamesTheLimit()
    {
        // 70 MB of a markdown cell's text: the contents API answers with all of it, above the 64 MiB the responder reads.
        var big = Of(Code("1"));
        ((JArray)big["cells"]!).Add(new JObject { ["cell_type"] = "markdown", ["metadata"] = new JObject(), ["source"] = new string('x', 70_000_000) });
        var file = Path.Combine(server.RootDirectory, "big.ipynb");
        await File.WriteAllTextAsync(file, big.ToString(Formatting.None));

        var run = await JupyterJob.RunAsync("thehive-case.json", JupyterJob.ServerConfig(server, "big", "big.ipynb"));

        run.ShouldFail("answered over 64 MiB while reading the notebook big.ipynb", server.Token);
    }

    [Test]
    public async Task MalformedWebsocketFrameFailsInOneLineThatSaysWhatToCheck()
    {
        server.WriteNotebook("frames.ipynb", Of(Code("1 + 1")));
        await using var forwarder = new FrameBreakingForwarder(server.Port);
        var config = JupyterJob.ServerConfig(server, "frames", "frames.ipynb");
        config["input_hostname"] = forwarder.Url.ToString();

        var run = await JupyterJob.RunAsync("thehive-case.json", config);

        run.ShouldFail("malformed websocket frame", server.Token);
        run.ErrorMessage.Should().Contain("proxy in front of the server").And.NotContain("Aborted");
    }
}
