using Cortex.Responders;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using static Cortex.Workers.Responders.Jupyter.Tests.NotebookFile;

namespace Cortex.Workers.Responders.Jupyter.Tests.Local;

/// <summary>
/// Local execution (the original's default, input_handler_http_execute_remotely false) on the kernel Debian's
/// python3-ipykernel installs: the published responder starts it from its kernel spec and speaks ZeroMQ to it.
/// Each test has a runtime folder of its own, so "the connection file is removed" means this test's.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class LocalExecutionTests
{
    private const string CaseName = "case-41156688";

    private TemporaryDirectory folder = null!;

    private string Input => Path.Combine(folder.Path, "in");

    private string Output => Path.Combine(folder.Path, "out");

    private string Runtime => Path.Combine(folder.Path, "runtime");

    private Dictionary<string, string> Environment => new() { ["JUPYTER_RUNTIME_DIR"] = Runtime, ["CORTEX_TEST_MARK"] = "on-the-host" };

    [OneTimeSetUp]
    public async Task Publish() => await PublishedResponders.PublishAsync("Jupyter");

    [SetUp]
    public void CreateFolders()
    {
        folder = new TemporaryDirectory();
        Directory.CreateDirectory(Input);
        Directory.CreateDirectory(Output);
    }

    [TearDown]
    public void ConnectionFileIsRemoved()
    {
        try
        {
            (Directory.Exists(Runtime) ? Directory.GetFiles(Runtime) : []).Should().BeEmpty("every kernel's connection file is removed");
        }
        finally
        {
            folder.Dispose();
        }
    }

    [Test]
    public async Task ParametersReachTheNotebookAndItsOperationsComeBack()
    {
        Write("playbooks/triage.ipynb", Of(
            Code("thehive_input_value = {}\nthehive_organisation = ''", "parameters"),
            Code("import os\nscore = thehive_input_value['severity'] * 10 + len(thehive_input_value['tags'])\nprint('score', score, os.environ['CORTEX_TEST_MARK'])"),
            Code("score * 2"),
            Code(
                "import json\n" +
                "print(json.dumps({'type': 'AddTagToCase', 'tag': f'score:{score}'}))\n" +
                "print(json.dumps({'type': 'CreateTask', 'title': 'Review ' + thehive_input_value['title'], 'description': thehive_organisation}))",
                "operations")));
        var input = JObject.Parse(File.ReadAllText(Repository.Fixture("thehive-case.json")));
        var score = ((int)input["data"]!["severity"]! * 10) + input["data"]!["tags"]!.Count();

        var run = await JupyterJob.RunAsync("thehive-case.json", JupyterJob.LocalConfig(Input, Output, "playbooks/triage.ipynb"), environment: Environment);

        run.ShouldSucceed();
        run.Operations().ShouldBeJson(
            $$"""
            [
              {"type":"AddTagToCase","tag":"score:{{score}}"},
              {"type":"CreateTask","title":"Review Phishing report from user","description":"soc"}
            ]
            """);
        var report = run.Notebooks().Should().ContainSingle().Subject;
        ((string?)report["output"]).Should().Be(Path.Combine(Output, "runs", $"{CaseName}-playbooks-triage.ipynb"));
        ((int)report["executedCells"]!).Should().Be(5);
        var cells = NotebookFile.Read((string)report["output"]!)["cells"]!.ToList();
        cells[1]["metadata"]!["tags"]!.Values<string>().Should().Equal("injected-parameters");
        Source(cells[1]).Should().Contain("thehive_organisation = \"soc\"");
        cells.Select(c => (int?)c["execution_count"]).Should().Equal(1, 2, 3, 4, 5);
        Stdout(cells[2]).Should().Be($"score {score} on-the-host\n", "the cell ran on a kernel of the host, with the worker's environment");
        Text(cells[3]["outputs"]![0]!["data"]!["text/plain"]!).Should().Be((score * 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        run.StandardError.Should().Contain("started on the Cortex host");
    }

    [Test]
    public async Task TwoNotebooksRunEachOnAFreshKernelThatIsGoneAfterwards()
    {
        var firstPid = Path.Combine(folder.Path, "first.pid");
        var secondPid = Path.Combine(folder.Path, "second.pid");
        Write("first.ipynb", Of(Code("secret_of_first = 42"), Code(KernelProcess.WritePid(firstPid))));
        Write("second.ipynb", Of(
            Code(KernelProcess.WritePid(secondPid)),
            Code("import json\nprint(json.dumps({'type': 'AddTagToCase', 'tag': f\"fresh={'secret_of_first' not in globals()}\"}))", "operations")));

        var run = await JupyterJob.RunAsync("thehive-case.json", JupyterJob.LocalConfig(Input, Output, "first.ipynb", "second.ipynb"), environment: Environment);

        run.ShouldSucceed();
        run.Operations().Single()["tag"]!.Value<string>().Should().Be("fresh=True");
        var pids = new[] { firstPid, secondPid }.Select(f => int.Parse(File.ReadAllText(f), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        pids[0].Should().NotBe(pids[1]);
        foreach (var pid in pids)
        {
            (await KernelProcess.GoneAsync(pid)).Should().BeTrue($"the kernel {pid} is shut down when its notebook ends");
        }
    }

    [Test]
    public async Task RaisingCellFailsTheJobAndTheNotebookIsSavedWithIt()
    {
        Write("raises.ipynb", Of(
            Code("print('before')"),
            Code("raise ValueError('no verdict for ' + thehive_input_value['title'])"),
            Code("print('never')")));

        var run = await JupyterJob.RunAsync("thehive-case.json", JupyterJob.LocalConfig(Input, Output, "raises.ipynb"), environment: Environment);

        run.ShouldFail("notebook raises.ipynb failed: cell 3 (In [3]) raised ValueError: no verdict for Phishing report from user");
        var saved = NotebookFile.Read(Path.Combine(Output, "runs", $"{CaseName}-raises.ipynb"));
        var cells = saved["cells"]!.ToList();
        Markers.ShouldMarkTheFailure(cells, anchorIndex: 3, executionCount: 3);
        Stdout(cells[2]).Should().Be("before\n");
        var error = cells[4]["outputs"]!.Should().ContainSingle().Subject;
        ((string?)error["ename"]).Should().Be("ValueError");
        error["traceback"]!.Should().NotBeEmpty();
        cells[5]["outputs"]!.Should().BeEmpty();
        ((bool)saved["metadata"]!["papermill"]!["exception"]!).Should().BeTrue();
    }

    [Test]
    public async Task CellRunningLongerThanExecutionTimeoutFailsAndItsKernelIsGone()
    {
        var pidFile = Path.Combine(folder.Path, "slow.pid");
        Write("slow.ipynb", Of(Code(KernelProcess.WritePid(pidFile)), Code("import time\ntime.sleep(60)")));
        var config = JupyterJob.LocalConfig(Input, Output, "slow.ipynb");
        config["execution_timeout"] = 2;

        var run = await JupyterJob.RunAsync("thehive-case.json", config, environment: Environment);

        run.ShouldFail("raised CellTimeoutError: the cell ran longer than 2 s");
        var pid = int.Parse(File.ReadAllText(pidFile), System.Globalization.CultureInfo.InvariantCulture);
        KernelProcess.IsAlive(pid).Should().BeFalse("the kernel is shut down before the job ends");
    }

    [Test]
    public async Task SigtermMidCellShutsTheKernelAndWhatItStartedDown()
    {
        var pidFile = Path.Combine(folder.Path, "endless.pid");
        var childFile = Path.Combine(folder.Path, "child.pid");
        Write("endless.ipynb", Of(
            Code($"import subprocess\nchild = subprocess.Popen(['sleep', '600'])\nopen({Py(childFile)}, 'w').write(str(child.pid))"),
            Code(KernelProcess.WritePid(pidFile) + "\nimport time\nwhile True:\n    time.sleep(1)")));
        await using var job = await StartedJob.StartAsync("thehive-case.json", JupyterJob.LocalConfig(Input, Output, "endless.ipynb"), Environment);
        var pid = await KernelProcess.ReadPidAsync(pidFile, () => job.IsRunning);
        var child = int.Parse(File.ReadAllText(childFile), System.Globalization.CultureInfo.InvariantCulture);

        await job.SignalAsync("TERM");
        var (exitCode, errors, output) = await job.WaitAsync();

        exitCode.Should().Be(1, errors);
        ((bool?)output?["success"]).Should().BeFalse();
        ((string?)output!["errorMessage"]).Should().Contain("cancelled");
        KernelProcess.IsAlive(pid).Should().BeFalse($"the kernel {pid} is shut down before the worker ends");
        KernelProcess.IsAlive(child).Should().BeFalse($"the process {child} a cell started goes with its kernel's process group");
    }

    [Test]
    public async Task SigkillOfTheWorkerTakesTheKernelWithIt()
    {
        var pidFile = Path.Combine(folder.Path, "killed.pid");
        Write("killed.ipynb", Of(Code(KernelProcess.WritePid(pidFile) + "\nimport time\nwhile True:\n    time.sleep(1)")));
        await using var job = await StartedJob.StartAsync("thehive-case.json", JupyterJob.LocalConfig(Input, Output, "killed.ipynb"), Environment);
        var pid = await KernelProcess.ReadPidAsync(pidFile, () => job.IsRunning);

        await job.SignalAsync("KILL");
        await job.WaitAsync();

        (await KernelProcess.GoneAsync(pid)).Should().BeTrue($"the kernel {pid} gets SIGKILL when its worker dies (parent-death signal)");

        // Nothing could remove it: the worker was killed. The kernel it names is gone, and so is its key's use.
        foreach (var file in Directory.GetFiles(Runtime))
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task UnknownKernelSaysHowToInstallIt()
    {
        var notebook = Of(Code("1"));
        notebook["metadata"]!["kernelspec"]!["name"] = "julia-1.9";
        Write("julia.ipynb", notebook);

        var run = await JupyterJob.RunAsync("thehive-case.json", JupyterJob.LocalConfig(Input, Output, "julia.ipynb"), environment: Environment);

        run.ShouldFail("No such kernel named julia-1.9 on the Cortex host");
        run.ErrorMessage.Should().Contain("ipython kernel install --name \"julia-1.9\" --user").And.Contain("input_handler_http_execute_remotely");
    }

    [Test]
    public async Task KernelThatCannotStartSaysWhy()
    {
        var specs = Path.Combine(folder.Path, "jupyter");
        var spec = Directory.CreateDirectory(Path.Combine(specs, "kernels", "broken")).FullName;
        File.WriteAllText(Path.Combine(spec, "kernel.json"), """
            {"argv": ["/usr/bin/python3", "-c", "import sys; sys.exit('this kernel is broken on purpose')", "{connection_file}"],
             "display_name": "Broken", "language": "python"}
            """);
        var notebook = Of(Code("1"));
        notebook["metadata"]!["kernelspec"]!["name"] = "Broken";
        Write("broken.ipynb", notebook);
        var environment = Environment;
        environment["JUPYTER_PATH"] = specs;

        var run = await JupyterJob.RunAsync("thehive-case.json", JupyterJob.LocalConfig(Input, Output, "broken.ipynb"), environment: environment);

        run.ShouldFail("the broken kernel did not start on the Cortex host");
        run.ErrorMessage.Should().Contain("exited with code 1: this kernel is broken on purpose");
    }

    /// <summary>nbformat text: one string, or a list of lines (as Jupyter's contents API saves it).</summary>
    private static string Text(JToken text) => text is JArray lines ? string.Concat(lines.Values<string>()) : (string)text!;

    private static string Py(string text) => Newtonsoft.Json.JsonConvert.ToString(text);

    private void Write(string path, JObject notebook)
    {
        var file = Path.Combine(Input, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, notebook.ToString());
    }
}
