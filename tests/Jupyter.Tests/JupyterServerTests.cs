using Cortex.Responders;
using Cortex.Workers.Responders.Jupyter.Tests.Peers;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using static Cortex.Workers.Responders.Jupyter.Tests.NotebookFile;

namespace Cortex.Workers.Responders.Jupyter.Tests;

/// <summary>
/// The published Jupyter responder, run as Cortex runs it, against a real Jupyter server started for the
/// fixture. The tests run one after another so that "no kernel is left" means this test's kernels.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class JupyterServerTests
{
    private const string CaseName = "case-41156688";

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
    public async Task NotebookComputesFromTheInputValueAndReturnsItsOperations()
    {
        server.WriteNotebook("playbooks/triage.ipynb", Of(
            Markdown("# Triage"),
            Code("thehive_input_value = {}\nthehive_organisation = ''", "parameters"),
            Code("score = thehive_input_value['severity'] * 10 + len(thehive_input_value['tags'])\nprint('score', score)"),
            Code("score * 2"),
            Code(
                "import json\n" +
                "print(json.dumps({'type': 'AddTagToCase', 'tag': f'score:{score}'}))\n" +
                "print()\n" +
                "print(json.dumps({'type': 'AddCustomFields', 'name': 'score', 'tpe': 'integer', 'value': score}))\n" +
                "print(json.dumps({'type': 'CreateTask', 'title': 'Review ' + thehive_input_value['title'], 'description': thehive_organisation}))",
                "operations")));
        var input = JObject.Parse(File.ReadAllText(Repository.Fixture("thehive-case.json")));
        var score = ((int)input["data"]!["severity"]! * 10) + input["data"]!["tags"]!.Count();

        var run = await JupyterJob.RunAsync("thehive-case.json", JupyterJob.ServerConfig(server, "runs/triage", "playbooks/triage.ipynb"));

        run.ShouldSucceed(server.Token);
        run.Operations().ShouldBeJson(
            $$"""
            [
              {"type":"AddTagToCase","tag":"score:{{score}}"},
              {"type":"AddCustomFields","name":"score","tpe":"integer","value":{{score}}},
              {"type":"CreateTask","title":"Review Phishing report from user","description":"soc"}
            ]
            """);
        var report = run.Notebooks().Should().ContainSingle().Subject;
        ((string?)report["input"]).Should().Be("playbooks/triage.ipynb");
        ((string?)report["output"]).Should().Be($"runs/triage/{CaseName}-playbooks-triage.ipynb");
        ((string?)report["status"]).Should().Be("completed");
        ((int)report["executedCells"]!).Should().Be(5);
        ((int)report["operations"]!).Should().Be(3);

        var saved = server.ReadNotebook($"runs/triage/{CaseName}-playbooks-triage.ipynb");
        var cells = saved["cells"]!.ToList();
        cells.Should().HaveCount(6);
        cells[2]["metadata"]!["tags"]!.Values<string>().Should().Equal("injected-parameters");
        Source(cells[2]).Should().Contain("thehive_organisation = \"soc\"").And.Contain("thehive_input_type = \"thehive:case\"");
        cells.Skip(1).Select(c => (int?)c["execution_count"]).Should().Equal(1, 2, 3, 4, 5);
        Stdout(cells[3]).Should().Be($"score {score}\n");
        ((string?)cells[4]["outputs"]![0]!["output_type"]).Should().Be("execute_result");
        ((string?)cells[4]["outputs"]![0]!["data"]!["text/plain"]!.Values<string>().Single()).Should().Be((score * 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        ((bool)saved["metadata"]!["papermill"]!["exception"]!).Should().BeFalse();
    }

    [Test]
    public async Task TwoNotebooksRunInOrderEachOnAFreshKernel()
    {
        server.WriteNotebook("two/first.ipynb", Of(
            Code("secret_of_first = 42"),
            Code("import json\nprint(json.dumps({'type': 'AddTagToCase', 'tag': 'first'}))", "operations")));
        server.WriteNotebook("two/second.ipynb", Of(
            Code("import json\nfresh = 'secret_of_first' not in globals()\nprint(json.dumps({'type': 'AddTagToCase', 'tag': f'second fresh={fresh}'}))", "operations")));

        var run = await JupyterJob.RunAsync("thehive-case.json", JupyterJob.ServerConfig(server, "two-out", "two/first.ipynb", "two/second.ipynb"));

        run.ShouldSucceed(server.Token);
        run.Operations().Select(o => (string?)o["tag"]).Should().Equal("first", "second fresh=True");
        run.Notebooks().Select(n => (string?)n["output"]).Should().Equal($"two-out/{CaseName}-two-first.ipynb", $"two-out/{CaseName}-two-second.ipynb");
        run.Notebooks().Select(n => (string?)n["status"]).Should().Equal("completed", "completed");
        File.Exists(Path.Combine(server.RootDirectory, "two-out", $"{CaseName}-two-first.ipynb")).Should().BeTrue();
        File.Exists(Path.Combine(server.RootDirectory, "two-out", $"{CaseName}-two-second.ipynb")).Should().BeTrue();
    }

    [Test]
    public async Task NotebookThatRaisesFailsTheJobWithTheCellsErrorAndIsSavedWithIt()
    {
        server.WriteNotebook("raises.ipynb", Of(
            Code("print('before')"),
            Code("raise ValueError('no verdict for ' + thehive_input_value['title'])"),
            Code("import json\nprint(json.dumps({'type': 'AddTagToCase', 'tag': 'never'}))", "operations")));
        server.WriteNotebook("after.ipynb", Of(Code("print('not run')")));

        var run = await JupyterJob.RunAsync("thehive-case.json", JupyterJob.ServerConfig(server, "failed", "raises.ipynb", "after.ipynb"));

        run.ShouldFail("notebook raises.ipynb failed: cell 3 (In [3]) raised ValueError: no verdict for Phishing report from user", server.Token);
        run.ErrorMessage.Should().Contain($"saved as failed/{CaseName}-raises.ipynb").And.Contain("1 not run");
        var cells = server.ReadNotebook($"failed/{CaseName}-raises.ipynb")["cells"]!.ToList();
        Markers.ShouldMarkTheFailure(cells, anchorIndex: 3, executionCount: 3);
        Stdout(cells[2]).Should().Be("before\n");
        var error = cells[4]["outputs"]!.Should().ContainSingle().Subject;
        ((string?)error["output_type"]).Should().Be("error");
        ((string?)error["ename"]).Should().Be("ValueError");
        ((string?)error["evalue"]).Should().Be("no verdict for Phishing report from user");
        error["traceback"]!.Should().NotBeEmpty();
        cells[5]["execution_count"]!.Type.Should().Be(JTokenType.Null, "papermill stops at the first error");
        cells[5]["outputs"]!.Should().BeEmpty();
        File.Exists(Path.Combine(server.RootDirectory, "failed", $"{CaseName}-after.ipynb")).Should().BeFalse();
        (await server.KernelsAsync()).Should().BeEmpty();
    }

    [Test]
    public async Task InputValuesWithQuotesNewlinesAndNonAsciiReachTheNotebookIntact()
    {
        const string title = "He said \"stop\" \u2014 it's O'Brien's \\\\share\\ 'quoted' \"\"\" ''' ; Zoë 請求書 🎣";
        const string organisation = "SOC \"Nord\" – Zürich";
        server.WriteNotebook("echo.ipynb", Of(
            Code("thehive_input_value = None", "parameters"),
            Code("import json\nprint(json.dumps([thehive_organisation, thehive_user, thehive_input_type, thehive_input_value], ensure_ascii=False))"),
            Code("print(json.dumps({'type': 'AddTagToCase', 'tag': thehive_input_value['title']}, ensure_ascii=False))", "operations")));

        void Edit(JObject input)
        {
            input["parameters"]!["organisation"] = organisation;
            input["parameters"]!["user"] = "analyste@soc.example";
            var data = (JObject)input["data"]!;
            data["title"] = title;
            data["description"] = "line one\r\nline two\n\ttabbed\u2028separated\u0001control\u007f end\\n not a newline";
            data["nested"] = JObject.Parse("""
                {"null": null, "yes": true, "no": false, "list": [1, 1.5, -0.0, 1e-7, 12345678901234567890, [], {}],
                 "empty": "", "key \"quoted\"": "é"}
                """);
        }

        var run = await JupyterJob.RunAsync("thehive-case.json", JupyterJob.ServerConfig(server, "echo", "echo.ipynb"), Edit);

        run.ShouldSucceed(server.Token);
        run.Operations().Should().ContainSingle().Which["tag"]!.Value<string>().Should().Be(title);
        var printed = Stdout(server.ReadNotebook($"echo/{CaseName}-echo.ipynb")["cells"]![2]!);
        using var reader = new JsonTextReader(new StringReader(printed)) { DateParseHandling = DateParseHandling.None };
        var echoed = (JArray)JToken.ReadFrom(reader);
        var sent = CortexJob.ReadJson(File.ReadAllText(Repository.Fixture("thehive-case.json")))!;
        Edit(sent);
        ((string?)echoed[0]).Should().Be(organisation);
        ((string?)echoed[1]).Should().Be("analyste@soc.example");
        ((string?)echoed[2]).Should().Be("thehive:case");
        echoed[3]!["nested"]!.ToString(Formatting.None).Should().Be(
            """{"null":null,"yes":true,"no":false,"list":[1,1.5,-0.0,1E-07,12345678901234567890,[],{}],"empty":"","key \"quoted\"":"é"}""");
        foreach (var property in ((JObject)sent["data"]!).Properties())
        {
            JToken.DeepEquals(echoed[3]![property.Name], property.Value).Should().BeTrue($"{property.Name} must come back as TheHive sent it: {echoed[3]![property.Name]}");
        }

        ((JObject)echoed[3]!).Properties().Select(p => p.Name).Should().Equal(((JObject)sent["data"]!).Properties().Select(p => p.Name));
    }

    [Test]
    public async Task WrongTokenIsRefusedAndNeverShown()
    {
        server.WriteNotebook("any.ipynb", Of(Code("1")));
        const string wrong = "wrong-token-5f2b9c0e8d";
        var config = JupyterJob.ServerConfig(server, "out", "any.ipynb");
        config["input_handler_http_service_api_token"] = wrong;
        config["output_handler_http_service_api_token"] = wrong;

        var run = await JupyterJob.RunAsync("thehive-case.json", config);

        run.ShouldFail("refused the token", wrong, server.Token);
        run.ErrorMessage.Should().Contain("input_handler_http_service_api_token").And.Contain("HTTP 403");
    }

    [Test]
    public async Task UnreachableServerSaysSo()
    {
        using var closed = MailJob.ClosedPort(out var port);
        var config = JupyterJob.ServerConfig(server, "out", "any.ipynb");
        config["input_hostname"] = $"http://127.0.0.1:{port}/";

        var run = await JupyterJob.RunAsync("thehive-case.json", config);

        run.ShouldFail($"cannot reach the server at http://127.0.0.1:{port}/", server.Token);
        run.ErrorMessage.Should().Contain("connection refused").And.Contain("check input_hostname");
    }

    [Test]
    public async Task MissingNotebookIsNamed()
    {
        var run = await JupyterJob.RunAsync("thehive-case.json", JupyterJob.ServerConfig(server, "out", "nowhere/missing.ipynb"));

        run.ShouldFail("notebook nowhere/missing.ipynb not found on the Jupyter server", server.Token);
    }

    [TestCase("{\"type\": \"AddTagToAlert\", \"tag\": \"x\"}", "AddTagToAlert acts on the alert the job runs on, so it cannot follow a job on thehive:case")]
    [TestCase("{\"type\": \"AddTagToCase\"}", "AddTagToCase needs \"tag\"")]
    [TestCase("{\"type\": \"DeleteCase\"}", "unknown type \"DeleteCase\"")]
    [TestCase("operations follow", "printed a line that is not a JSON object: operations follow")]
    public async Task OperationTheHiveWouldRejectFailsTheJob(string line, string message)
    {
        server.WriteNotebook("bad-operation.ipynb", Of(Code($"print({JsonConvert.ToString(line)})", "operations")));

        var run = await JupyterJob.RunAsync("thehive-case.json", JupyterJob.ServerConfig(server, "bad", "bad-operation.ipynb"));

        run.ShouldFail(message, server.Token);
        run.ErrorMessage.Should().Contain("notebook bad-operation.ipynb, cell 2 (tagged operations)");
    }

    [Test]
    public async Task CellRunningLongerThanExecutionTimeoutFailsAndItsKernelIsShutDown()
    {
        server.WriteNotebook("slow.ipynb", Of(Code("import time\ntime.sleep(60)")));
        var config = JupyterJob.ServerConfig(server, "slow", "slow.ipynb");
        config["execution_timeout"] = 2;

        var run = await JupyterJob.RunAsync("thehive-case.json", config);

        run.ShouldFail("raised CellTimeoutError: the cell ran longer than 2 s", server.Token);
        var cells = server.ReadNotebook($"slow/{CaseName}-slow.ipynb")["cells"]!.ToList();
        Markers.ShouldMarkTheFailure(cells, anchorIndex: 2, executionCount: 2);
        ((string?)cells[3]["outputs"]!.Last!["ename"]).Should().Be("CellTimeoutError");
    }

    [Test]
    public async Task JobStoppedByCortexStillShutsTheKernelDown()
    {
        server.WriteNotebook("endless.ipynb", Of(Code("import time\nwhile True:\n    time.sleep(1)")));

        var run = await JupyterJob.RunAsync("thehive-case.json", JupyterJob.ServerConfig(server, "endless", "endless.ipynb"), timeout: TimeSpan.FromSeconds(5));

        run.Terminated.Should().BeTrue();
        run.ShouldFail("cancelled", server.Token);
        (await server.KernelsAsync()).Should().BeEmpty("the kernel is shut down before the process ends");
    }

    [Test]
    public async Task MissingKernelIsNamed()
    {
        var notebook = Of(Code("1"));
        notebook["metadata"]!["kernelspec"]!["name"] = "julia-1.9";
        server.WriteNotebook("julia.ipynb", notebook);

        var run = await JupyterJob.RunAsync("thehive-case.json", JupyterJob.ServerConfig(server, "out", "julia.ipynb"));

        run.ShouldFail("starting a julia-1.9 kernel", server.Token);
        run.ErrorMessage.Should().Contain("No such kernel named julia-1.9");
    }
}
