using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Cli.Tests;

/// <summary>`cortex-responder run` on responders that behave and on responders that break Cortex's contract in each way.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class RunTests
{
    private const string GoodReport = """{"success":true,"full":{"message":"done"},"operations":[{"type":"AddTagToCase","tag":"done"}]}""";

    [Test]
    public async Task PublishedEchoOnACaseAsCortexRunsIt()
    {
        var root = await PublishedResponders.PublishAsync("Echo");

        var (code, output, _) = await Cli.RunAsync("run", Path.Combine(root, "Echo", "Test.json"), "--input", Repository.Fixture("thehive-alert.json"), "--json");

        code.Should().Be(0, output);
        var result = JObject.Parse(output);
        ((string?)result["verdict"]).Should().Be("success");
        ((int?)result["exitCode"]).Should().Be(0);
        result["output"]!["operations"].ShouldBeJson("""[{"type":"AddTagToAlert","tag":"test"}]""");
        result["problems"].Should().BeEmpty();
    }

    [Test]
    public async Task PublishedMailerWithATheHiveObjectAndConfigValuesDeliversToARealServer()
    {
        var root = await PublishedResponders.PublishAsync("Mailer");
        await using var server = await SmtpServer.StartAsync();
        using var work = new TemporaryDirectory();
        var caseObject = Path.Combine(work.Path, "case.json");
        await File.WriteAllTextAsync(caseObject, CortexJob.ReadJson(await File.ReadAllTextAsync(Repository.Fixture("thehive-case.json")))!["data"]!.ToString());

        var (code, output, _) = await Cli.RunAsync(
            "run", Path.Combine(root, "Mailer", "Mailer.json"), "-i", caseObject,
            "--config", "from=soc@corp.example", "--config", "smtp_host=127.0.0.1", "--config", $"smtp_port={server.Port}");

        code.Should().Be(0, output);
        output.Should().Contain("verdict: success, 1 operation(s) TheHive accepts");
        (await server.NextAsync()).RecipientsTo.Should().Equal("reporter@corp.example");
    }

    [Test]
    public async Task TheJobIsBuiltAsCortexBuildsIt()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", """cp "$1/input/input.json" "$1/output/seen.json"; pwd > "$1/output/cwd"; printf '{"success":true,"full":{},"operations":[]}' > "$1/output/output.json" """);
        var flavor = root.WriteFlavor(ResponderRoot.Flavor());
        var input = root.Write("case.json", """{"_type": "case", "title": "t", "tlp": 3}""");

        var (code, output, _) = await Cli.RunAsync("run", flavor, "-i", input, "--config", "to=a@example.org", "--config", "to=b@example.org", "--config", "retries=5", "--config", "proxy_https=http://proxy:3128", "--keep-job-folder", "--json");

        code.Should().Be(0, output);
        var jobFolder = (string)JObject.Parse(output)["jobFolder"]!;
        try
        {
            Path.GetFileName(jobFolder).Should().StartWith("cortex-job-");
            File.ReadAllText(Path.Combine(jobFolder, "output", "cwd")).Trim().Should().Be(root.Path);
            var job = JObject.Parse(File.ReadAllText(Path.Combine(jobFolder, "output", "seen.json")));
            ((string?)job["dataType"]).Should().Be("thehive:case");
            ((int?)job["tlp"]).Should().Be(3);
            ((int?)job["pap"]).Should().Be(2);
            ((string?)job["message"]).Should().BeEmpty();
            var config = (JObject)job["config"]!;
            ((string?)config["service"]).Should().Be("notify", "the flavor's config is merged in");
            ((string?)config["api_url"]).Should().Be("https://api.example.org", "a default fills an unset item");
            config["to"]!.Values<string>().Should().Equal("a@example.org", "b@example.org");
            ((long?)config["retries"]).Should().Be(5);
            ((bool?)config["dry_run"]).Should().BeFalse();
            config["template"]!.Type.Should().Be(JTokenType.Null);
            ((string?)config["proxy"]!["https"]).Should().Be("http://proxy:3128");
            ((bool?)config["check_tlp"]).Should().BeTrue("Cortex's form turns the check on by default");
            ((int?)config["max_tlp"]).Should().Be(2);
        }
        finally
        {
            Directory.Delete(jobFolder, recursive: true);
        }
    }

    [TestCase("to", "[1]", "\"to\" takes string values")]
    [TestCase("retries", "three", "\"retries\" is a number")]
    [TestCase("nope", "1", "the flavor has no configuration item \"nope\"")]
    public async Task ConfigurationCortexWouldRefuse(string key, string value, string message)
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "touch ran");
        var flavor = root.WriteFlavor(ResponderRoot.Flavor());

        var (code, output, _) = await Cli.RunAsync("run", flavor, "-i", Repository.Fixture("thehive-case.json"), "--config", $"{key}={value}");

        code.Should().Be(1);
        output.Should().Contain(message).And.Contain("verdict: Cortex would refuse this job");
        File.Exists(Path.Combine(root.Path, "ran")).Should().BeFalse("a refused job never runs");
    }

    [Test]
    public async Task RequiredItemWithoutValueIsRefused()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "exit 0");
        var definition = ResponderRoot.Flavor();
        ((JObject)definition["configurationItems"]![0]!).Remove("defaultValue");
        var flavor = root.WriteFlavor(definition);

        var (code, output, _) = await Cli.RunAsync("run", flavor, "-i", Repository.Fixture("thehive-case.json"));

        code.Should().Be(1);
        output.Should().Contain("\"api_url\" is required and has no default: give --config api_url=");
    }

    [Test]
    public async Task DataTypeTheFlavorDoesNotTakeIsRefused()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "exit 0");
        var flavor = root.WriteFlavor(ResponderRoot.Flavor());

        var (code, output, _) = await Cli.RunAsync("run", flavor, "-i", Repository.Fixture("thehive-case-artifact.json"));

        code.Should().Be(1);
        output.Should().Contain("the flavor does not take thehive:case_artifact");
    }

    public static IEnumerable<TestCaseData> BrokenResponders()
    {
        yield return new TestCaseData("echo 'Traceback (most recent call last):'; echo 'KeyError: data' >&2; exit 1", "no output", "no output/output.json").SetName("prints garbage and writes nothing");
        yield return new TestCaseData("exit 0", "no output", "no output/output.json").SetName("writes nothing");
        yield return new TestCaseData(": > \"$1/output/output.json\"", "no output", "no output/output.json").SetName("writes an empty output");
        yield return new TestCaseData("printf 'done' > \"$1/output/output.json\"", "invalid output", "Cortex cannot read the report").SetName("writes text that is not JSON");
        yield return new TestCaseData("""printf '{"success":true,"full":["a"],"operations":[]}' > "$1/output/output.json" """, "broken report", "\"full\" is an array, not an object").SetName("writes full as an array");
        yield return new TestCaseData("""printf '{"success":true,"full":{},"operations":[{"type":"AddTagToCasee","tag":"x"}]}' > "$1/output/output.json" """, "success", "unknown type \"AddTagToCasee\"").SetName("returns an unknown operation");
        yield return new TestCaseData("""printf '{"success":true,"full":{},"operations":[{"type":"CreateTask","title":"x"}]}' > "$1/output/output.json" """, "success", "CreateTask needs \"description\"").SetName("returns an operation with a missing field");
        yield return new TestCaseData("""printf '{"success":true,"full":{},"operations":[{"type":"AddTagToAlert","tag":"x"}]}' > "$1/output/output.json" """, "success", "AddTagToAlert acts on the alert the job runs on, so it cannot follow a job on thehive:case").SetName("returns an operation for another object");
        yield return new TestCaseData("""printf '{"success":false,"errorMessage":"API key refused"}' > "$1/output/output.json"; exit 1""", "failure", "the responder failed: API key refused").SetName("reports an error");
    }

    [TestCaseSource(nameof(BrokenResponders))]
    public async Task BrokenResponderIsCaught(string script, string verdict, string problem)
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", script);
        var flavor = root.WriteFlavor(ResponderRoot.Flavor());

        var (code, output, _) = await Cli.RunAsync("run", flavor, "-i", Repository.Fixture("thehive-case.json"), "--json");

        code.Should().Be(1, output);
        var result = JObject.Parse(output);
        ((string?)result["verdict"]).Should().Be(verdict);
        result["problems"]!.Values<string>().Should().Contain(p => p!.Contains(problem), output);
    }

    [Test]
    public async Task NoOutputCarriesWhatTheProcessPrintedAsCortexDoes()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "echo 'Traceback (most recent call last):'; echo 'KeyError: data' >&2; exit 1");
        var flavor = root.WriteFlavor(ResponderRoot.Flavor());

        var (_, output, _) = await Cli.RunAsync("run", flavor, "-i", Repository.Fixture("thehive-case.json"), "--json");

        var result = JObject.Parse(output);
        ((bool)result["output"]!["success"]!).Should().BeFalse();
        ((string?)result["output"]!["errorMessage"]).Should().Contain("Traceback (most recent call last):").And.Contain("KeyError: data");
    }

    [Test]
    public async Task TimeoutSendsSigtermAndAppliesTheNoOutputRule()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "trap 'echo got SIGTERM >&2; exit 143' TERM; sleep 30 & wait");
        var flavor = root.WriteFlavor(ResponderRoot.Flavor());

        var (code, output, _) = await Cli.RunAsync("run", flavor, "-i", Repository.Fixture("thehive-case.json"), "--timeout", "1", "--json");

        code.Should().Be(1);
        var result = JObject.Parse(output);
        ((bool)result["terminated"]!).Should().BeTrue();
        ((string?)result["verdict"]).Should().Be("no output");
        result["log"]!.Values<string>().Should().Contain("stderr: got SIGTERM");
        ((long)result["elapsedMs"]!).Should().BeLessThan(20_000);
    }

    [Test]
    public async Task NonZeroExitAfterAGoodReportIsAWarningNotAFailure()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", $"printf '{GoodReport}' > \"$1/output/output.json\"; exit 3");
        var flavor = root.WriteFlavor(ResponderRoot.Flavor());

        var (code, output, _) = await Cli.RunAsync("run", flavor, "-i", Repository.Fixture("thehive-case.json"));

        code.Should().Be(0, output);
        output.Should().Contain("warning: the process exited with 3 after a successful report").And.Contain("verdict: success");
    }

    [Test]
    public async Task StrayStandardOutputIsAWarning()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", $"echo debug; printf '{GoodReport}' > \"$1/output/output.json\"");
        var flavor = root.WriteFlavor(ResponderRoot.Flavor());

        var (code, output, _) = await Cli.RunAsync("run", flavor, "-i", Repository.Fixture("thehive-case.json"));

        code.Should().Be(0, output);
        output.Should().Contain("warning: the process printed on standard output");
    }

    [Test]
    public async Task CommandWithoutRunBitIsCaughtBeforeRunning()
    {
        using var root = new ResponderRoot();
        root.Write("Acme/run.sh", "#!/bin/sh\n");
        var flavor = root.WriteFlavor(ResponderRoot.Flavor());

        var (code, output, _) = await Cli.RunAsync("run", flavor, "-i", Repository.Fixture("thehive-case.json"));

        code.Should().Be(1);
        output.Should().Contain("command-not-executable").And.Contain("Cortex would not load or run this flavor");
    }

    [TestCase("thehive-case-task.json", "AddLogToTask", "acts on the task of the job's task log")]
    [TestCase("thehive-case-task.json", "CloseTask", "acts on the task of the job's task log")]
    [TestCase("thehive-case-artifact.json", "AddTagToCase", "TheHive finds no case from an alert or an observable")]
    public async Task OperationsTheHive4And5CannotApplyAreCaught(string fixture, string type, string problem)
    {
        using var root = new ResponderRoot();
        var operation = type == "AddTagToCase" ? """{"type":"AddTagToCase","tag":"x"}""" : type == "CloseTask" ? """{"type":"CloseTask"}""" : """{"type":"AddLogToTask","content":"x"}""";
        root.WriteScript("Acme/run.sh", $"printf '{{\"success\":true,\"full\":{{}},\"operations\":[{operation}]}}' > \"$1/output/output.json\"");
        var definition = ResponderRoot.Flavor();
        definition["dataTypeList"] = new JArray("thehive:case_task", "thehive:case_task_log", "thehive:case_artifact");
        ((JArray)definition["configurationItems"]!).RemoveAt(1);
        var flavor = root.WriteFlavor(definition);

        var (code, output, _) = await Cli.RunAsync("run", flavor, "-i", Repository.Fixture(fixture));
        var (logCode, logOutput, _) = await Cli.RunAsync("run", flavor, "-i", Repository.Fixture("thehive-case-task-log.json"));

        code.Should().Be(1, output);
        output.Should().Contain(problem);
        logCode.Should().Be(0, "on a task log TheHive 4/5 find both the case and the task: " + logOutput);
    }

    [Test]
    public async Task BareObservableIsDataNotAJobInput()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", """cp "$1/input/input.json" "$1/output/seen.json"; printf '{"success":true,"full":{},"operations":[{"type":"AddTagToArtifact","tag":"x"}]}' > "$1/output/output.json" """);
        var definition = ResponderRoot.Flavor();
        definition["dataTypeList"] = new JArray("thehive:case_artifact");
        var flavor = root.WriteFlavor(definition);
        var observable = root.Write("observable.json", CortexJob.ReadJson(await File.ReadAllTextAsync(Repository.Fixture("thehive-case-artifact.json")))!["data"]!.ToString());

        var (code, output, _) = await Cli.RunAsync("run", flavor, "-i", observable, "--keep-job-folder", "--json");

        code.Should().Be(0, output);
        var jobFolder = (string)JObject.Parse(output)["jobFolder"]!;
        var job = JObject.Parse(File.ReadAllText(Path.Combine(jobFolder, "output", "seen.json")));
        Directory.Delete(jobFolder, recursive: true);
        ((string?)job["dataType"]).Should().Be("thehive:case_artifact");
        ((string?)job["data"]!["data"]).Should().Be("noreplies@tele.example");
    }

    [Test]
    public async Task ScriptWithoutShebangRunsWithBinShAsTheJvmDoes()
    {
        using var root = new ResponderRoot();
        root.Write("Acme/run.sh", """printf '{"success":true,"full":{},"operations":[]}' > "$1/output/output.json" """ + "\n", executable: true);
        var flavor = root.WriteFlavor(ResponderRoot.Flavor());

        var (code, output, _) = await Cli.RunAsync("run", flavor, "-i", Repository.Fixture("thehive-case.json"));

        code.Should().Be(0, output);
    }

    [Test]
    public async Task WorkingDirectoryIsTheParentOfTheCommandsFolder()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/bin/run.sh", """pwd > "$1/output/cwd"; printf '{"success":true,"full":{},"operations":[]}' > "$1/output/output.json" """);
        var definition = ResponderRoot.Flavor();
        definition["command"] = "Acme/bin/run.sh";
        var flavor = root.WriteFlavor(definition);

        var (code, output, _) = await Cli.RunAsync("run", flavor, "-i", Repository.Fixture("thehive-case.json"), "--keep-job-folder", "--json");

        code.Should().Be(0, output);
        var jobFolder = (string)JObject.Parse(output)["jobFolder"]!;
        var cwd = File.ReadAllText(Path.Combine(jobFolder, "output", "cwd")).Trim();
        Directory.Delete(jobFolder, recursive: true);
        cwd.Should().Be(Path.Combine(root.Path, "Acme"));
    }

    [TestCase("--cacerts", "/nonexistent/ca.pem", "--cacerts /nonexistent/ca.pem: no such file")]
    [TestCase("--timeout", "-5", "--timeout must be a number of seconds above 0")]
    [TestCase("--timeout", "1e12", "--timeout must be a number of seconds above 0 and up to 86400")]
    [TestCase("--tlp", "5", "--tlp must be a whole number from 0 to 4 (TLP), not 5")]
    [TestCase("--tlp", "amber", "--tlp must be a whole number from 0 to 4 (TLP), not amber")]
    [TestCase("--pap", "-1", "--pap must be a whole number from 0 to 4 (PAP), not -1")]
    [TestCase("--config", "api_url", "--config api_url: expected key=value")]
    [TestCase("--config", "=x", "--config =x: expected key=value")]
    [TestCase("--data-type", "thehive:casee", "thehive:casee")]
    public async Task BadOptionValuesAreUsageErrorsBeforeAnythingRuns(string option, string value, string message)
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "touch ran");
        var flavor = root.WriteFlavor(ResponderRoot.Flavor());

        var (code, output, error) = await Cli.RunAsync("run", flavor, "-i", Repository.Fixture("thehive-case.json"), option, value);

        code.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().StartWith("cortex-responder run:").And.Contain(message);
        File.Exists(Path.Combine(root.Path, "ran")).Should().BeFalse();
    }

    [Test]
    public async Task MissingFlavorFileExitsWith2()
    {
        var (code, output, error) = await Cli.RunAsync("run", "/nonexistent/flavor.json", "-i", Repository.Fixture("thehive-case.json"));

        code.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Contain("flavor /nonexistent/flavor.json: no such file");
    }

    // Cortex reads output.json with Jackson's defaults: none of what a lenient parser accepts here.
    [TestCase("{\"success\":true, /* done */ \"full\":{},\"operations\":[]}", TestName = "output.json with a comment is invalid output")]
    [TestCase("{\"success\":true,\"full\":{\"seen\":undefined},\"operations\":[]}", TestName = "output.json with undefined is invalid output")]
    [TestCase("{'success':true,'full':{},'operations':[]}", TestName = "output.json with single quotes is invalid output")]
    [TestCase("{\"success\":true,\"full\":{\"score\":NaN},\"operations\":[]}", TestName = "output.json with NaN is invalid output")]
    [TestCase("{\"success\":true,\"full\":{},\"operations\":[],}", TestName = "output.json with a trailing comma is invalid output")]
    public async Task ReportCortexCannotReadIsInvalidOutput(string report)
    {
        using var root = new ResponderRoot();
        var reportFile = root.Write("report.json", report);
        root.WriteScript("Acme/run.sh", $"cp '{reportFile}' \"$1/output/output.json\"");
        var flavor = root.WriteFlavor(ResponderRoot.Flavor());

        var (code, output, _) = await Cli.RunAsync("run", flavor, "-i", Repository.Fixture("thehive-case.json"), "--json");

        code.Should().Be(1, output);
        var result = JObject.Parse(output);
        ((string?)result["verdict"]).Should().Be("invalid output");
        ((bool)result["success"]!).Should().BeFalse();
        result["problems"]!.Values<string>().Should().ContainSingle().Which.Should().Contain("output/output.json is not JSON as Cortex reads it").And.Contain("Cortex cannot read the report");
    }

    // What Cortex's Jackson does accept when it reads a report from a stream.
    [TestCase("\uFEFF{\"success\":true,\"full\":{},\"operations\":[]}", TestName = "output.json with a byte order mark is read")]
    [TestCase("{\"success\":true,\"full\":{},\"operations\":[]}\n{\"left\":\"over\"}", TestName = "output.json with text after the report is read")]
    public async Task ReportCortexReadsIsASuccess(string report)
    {
        using var root = new ResponderRoot();
        var reportFile = root.Write("report.json", report);
        root.WriteScript("Acme/run.sh", $"cp '{reportFile}' \"$1/output/output.json\"");
        var flavor = root.WriteFlavor(ResponderRoot.Flavor());

        var (code, output, _) = await Cli.RunAsync("run", flavor, "-i", Repository.Fixture("thehive-case.json"), "--json");

        code.Should().Be(0, output);
        ((string?)JObject.Parse(output)["verdict"]).Should().Be("success");
    }

    [TestCase("{\"_type\": \"case\", // the case\n \"title\": \"t\"}", "(line 1, column 19)", TestName = "--input with a comment is refused")]
    [TestCase("{\"_type\": \"case\", \"title\": undefined}", "(line 1, column 28)", TestName = "--input with undefined is refused")]
    [TestCase("{'_type': 'case'}", "(line 1, column 2)", TestName = "--input with single quotes is refused")]
    [TestCase("{\"_type\": \"case\"} {\"_type\": \"alert\"}", "(line 1, column", TestName = "--input with two values is refused")]
    public async Task InputCortexWouldNotSendIsAUsageError(string content, string position)
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "touch ran");
        var flavor = root.WriteFlavor(ResponderRoot.Flavor());
        var input = root.Write("case.json", content);

        var (code, output, error) = await Cli.RunAsync("run", flavor, "-i", input);

        code.Should().Be(2, error);
        output.Should().BeEmpty();
        error.Should().StartWith($"cortex-responder run: --input {input} is not JSON as Cortex reads it: ").And.Contain(position);
        File.Exists(Path.Combine(root.Path, "ran")).Should().BeFalse("nothing runs on an input Cortex would not send");
    }

    /// <summary>
    /// The operations an author builds with the library's typed factories, after a job on each TheHive object:
    /// `run` must refuse exactly those the factories say do not apply there (<see cref="Operation.AppliesTo"/>).
    /// </summary>
    [TestCase("thehive-case.json", DataTypes.Case)]
    [TestCase("thehive-alert.json", DataTypes.Alert)]
    [TestCase("thehive-case-artifact.json", DataTypes.Observable)]
    [TestCase("thehive-case-task.json", DataTypes.Task)]
    [TestCase("thehive-case-task-log.json", DataTypes.TaskLog)]
    public async Task RunRefusesExactlyTheOperationsTheLibrarySaysDoNotApply(string fixture, string dataType)
    {
        Operation[] operations =
        [
            Operation.AddTagToCase("x"), Operation.AddTagToArtifact("x"), Operation.AddTagToAlert("x"), Operation.MarkAlertAsRead(),
            Operation.AddCustomFields("score", 3), Operation.CreateTask("title", "description"), Operation.CloseTask(),
            Operation.AddLogToTask("content"), Operation.AssignCase("owner"), Operation.AddArtifactToCase("10.0.0.1", "ip", "seen"),
        ];
        operations.Select(o => o.Type).Should().BeEquivalentTo(OperationCatalog.All.Select(d => d.Type), "every operation TheHive accepts is tried");
        using var root = new ResponderRoot();
        var report = new JObject { ["success"] = true, ["full"] = new JObject(), ["operations"] = new JArray(operations.Select(o => o.ToJson())) };
        var reportFile = root.Write("report.json", report.ToString());
        root.WriteScript("Acme/run.sh", $"cp '{reportFile}' \"$1/output/output.json\"");
        var definition = ResponderRoot.Flavor();
        definition["dataTypeList"] = new JArray(DataTypes.TheHiveObjects);
        ((JArray)definition["configurationItems"]!).RemoveAt(1); // the observable's job sets "to" as one string
        var flavor = root.WriteFlavor(definition);

        var (_, output, _) = await Cli.RunAsync("run", flavor, "-i", Repository.Fixture(fixture), "--json");

        var result = JObject.Parse(output);
        ((string?)result["verdict"]).Should().Be("success", output);
        var refused = result["problems"]!.Values<string>().Select(p => operations[int.Parse(p!["operations[".Length..p!.IndexOf(']')], System.Globalization.CultureInfo.InvariantCulture)].Type).ToHashSet();
        refused.Should().BeEquivalentTo(operations.Where(o => !o.AppliesTo(dataType)).Select(o => o.Type));
    }

    [Test]
    public async Task CloseTaskFollowsATaskLogNotATaskAsTheHive41Finds()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", """printf '{"success":true,"full":{},"operations":[{"type":"CloseTask"}]}' > "$1/output/output.json" """);
        var definition = ResponderRoot.Flavor();
        definition["dataTypeList"] = new JArray(DataTypes.Task, DataTypes.TaskLog);
        var flavor = root.WriteFlavor(definition);

        var (taskCode, taskOutput, _) = await Cli.RunAsync("run", flavor, "-i", Repository.Fixture("thehive-case-task.json"));
        var (logCode, logOutput, _) = await Cli.RunAsync("run", flavor, "-i", Repository.Fixture("thehive-case-task-log.json"));

        taskCode.Should().Be(1, taskOutput);
        taskOutput.Should().Contain("problem: operations[0]: CloseTask acts on the task of the job's task log").And.Contain("cannot follow a job on thehive:case_task:");
        logCode.Should().Be(0, logOutput);
        logOutput.Should().Contain("verdict: success, 1 operation(s) TheHive accepts");
    }

    [Test]
    public async Task PublishedEchoAnalyzerOnAnIpAsCortexRunsIt()
    {
        var root = await PublishedAnalyzers.PublishAsync("EchoAnalyzer");

        var (code, output, _) = await Cli.RunAsync("run", Path.Combine(root, "EchoAnalyzer", "DevTools_Echo_Analyzer.json"), "--data-type", "ip", "--data", "198.51.100.7", "--json");

        code.Should().Be(0, output);
        var result = JObject.Parse(output);
        ((string?)result["verdict"]).Should().Be("success");
        result["problems"].Should().BeEmpty();
        ((string?)result["output"]!["full"]!["data"]).Should().Be("198.51.100.7");
        result["output"]!["summary"]!["taxonomies"].ShouldBeJson("""[{"level":"info","namespace":"Echo","predicate":"dataType","value":"ip"}]""");
        result["output"]!["artifacts"].ShouldBeJson("[]", "the extractor skips the analysed value");
    }

    [Test]
    public async Task PublishedEchoAnalyzerOnAFileGetsItInInputUnderCortexsName()
    {
        var root = await PublishedAnalyzers.PublishAsync("EchoAnalyzer");
        using var work = new TemporaryDirectory();
        var file = Path.Combine(work.Path, "reported mail.eml");
        await File.WriteAllTextAsync(file, "Subject: hello\r\n\r\nsee https://evil.example.org/login\r\n");

        var (code, output, _) = await Cli.RunAsync("run", Path.Combine(root, "EchoAnalyzer", "DevTools_Echo_Analyzer.json"), "--file", file, "--keep-job-folder", "--json");

        code.Should().Be(0, output);
        var result = JObject.Parse(output);
        var jobFolder = (string)result["jobFolder"]!;
        try
        {
            ((string?)result["output"]!["full"]!["data"]).Should().Be("reported mail.eml", "an analyzer's data for a file is its original name");
            ((string?)result["output"]!["summary"]!["taxonomies"]![0]!["value"]).Should().Be("file");
            var input = JObject.Parse(File.ReadAllText(Path.Combine(jobFolder, "input", "input.json")));
            ((string?)input["file"]).Should().MatchRegex("^attachment[0-9]+$");
            File.ReadAllText(Path.Combine(jobFolder, "input", (string)input["file"]!)).Should().Be(File.ReadAllText(file));
        }
        finally
        {
            Directory.Delete(jobFolder, recursive: true);
        }
    }

    [Test]
    public async Task TheFileJobIsBuiltAsCortexBuildsIt()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", """cp "$1/input/input.json" "$1/output/seen.json"; ls "$1/input" > "$1/output/listing"; printf '{"success":true,"full":{},"operations":[]}' > "$1/output/output.json" """);
        var flavor = root.WriteFlavor(AnalyzerFlavor());
        var sample = root.Write("samples/invoice.pdf.exe", "MZ not really");

        var (code, output, _) = await Cli.RunAsync("run", flavor, "--file", sample, "--tlp", "1", "--keep-job-folder", "--json");

        code.Should().Be(0, output);
        var jobFolder = (string)JObject.Parse(output)["jobFolder"]!;
        try
        {
            var job = JObject.Parse(File.ReadAllText(Path.Combine(jobFolder, "output", "seen.json")));
            ((string?)job["dataType"]).Should().Be("file");
            job.ContainsKey("data").Should().BeFalse("Cortex sends a file job no data");
            var name = (string)job["file"]!;
            name.Should().MatchRegex("^attachment[0-9]+$", "Cortex's Files.createTempFile(input, \"attachment\", \"\")");
            ((string?)job["filename"]).Should().Be("invoice.pdf.exe");
            ((string?)job["contentType"]).Should().Be("application/octet-stream");
            ((int?)job["tlp"]).Should().Be(1);
            ((string?)job["config"]!["service"]).Should().Be("notify");
            File.ReadAllLines(Path.Combine(jobFolder, "output", "listing")).Should().BeEquivalentTo(name, "input.json");
            File.ReadAllText(Path.Combine(jobFolder, "input", name)).Should().Be("MZ not really");
            File.GetUnixFileMode(Path.Combine(jobFolder, "input", name)).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        finally
        {
            Directory.Delete(jobFolder, recursive: true);
        }
    }

    [Test]
    public async Task AnObservableValueIsTheDataString()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", """cp "$1/input/input.json" "$1/output/seen.json"; printf '{"success":true,"full":{},"operations":[]}' > "$1/output/output.json" """);
        var flavor = root.WriteFlavor(AnalyzerFlavor());

        var (code, output, _) = await Cli.RunAsync("run", flavor, "--data-type", "domain", "--data", "evil.example.org", "--keep-job-folder", "--json");

        code.Should().Be(0, output);
        var jobFolder = (string)JObject.Parse(output)["jobFolder"]!;
        try
        {
            var job = JObject.Parse(File.ReadAllText(Path.Combine(jobFolder, "output", "seen.json")));
            job["data"].Should().BeEquivalentTo(new JValue("evil.example.org"));
            ((string?)job["dataType"]).Should().Be("domain");
            job.ContainsKey("file").Should().BeFalse();
        }
        finally
        {
            Directory.Delete(jobFolder, recursive: true);
        }
    }

    [Test]
    public async Task AnalyzerJobOnAFlavorThatDoesNotTakeItIsRefused()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "touch ran");
        var flavor = root.WriteFlavor(ResponderRoot.Flavor());

        var (code, output, _) = await Cli.RunAsync("run", flavor, "--data-type", "ip", "--data", "198.51.100.7");

        code.Should().Be(1);
        output.Should().Contain("the flavor does not take ip").And.Contain("verdict: Cortex would refuse this job");
        File.Exists(Path.Combine(root.Path, "ran")).Should().BeFalse();
    }

    public static IEnumerable<TestCaseData> BrokenAnalyzerReports()
    {
        TestCaseData Case(string report, string verdict, string problem, string name, string before = "") =>
            new TestCaseData($"{before}printf '%s' '{report}' > \"$1/output/output.json\"", verdict, problem).SetName(name);

        yield return Case("""{"success":true,"full":{},"summary":[]}""", "success", "\"summary\" is an array, not an object", "summary not an object");
        yield return Case("""{"success":true,"full":{},"summary":{"taxonomies":{}}}""", "success", "\"summary.taxonomies\" is not an array", "taxonomies not an array");
        yield return Case("""{"success":true,"full":{},"summary":{"taxonomies":[{"level":"high","namespace":"Acme","predicate":"Score","value":7}]}}""", "success", "summary.taxonomies[0]: \"level\" must be one of info, safe, suspicious, malicious, not \"high\"", "taxonomy level unknown");
        yield return Case("""{"success":true,"full":{},"summary":{"taxonomies":[{"level":"info","namespace":"Acme","value":7}]}}""", "success", "summary.taxonomies[0]: \"predicate\" must be a string", "taxonomy without predicate");
        yield return Case("""{"success":true,"full":{},"summary":{"taxonomies":[{"level":"info","namespace":"Acme","predicate":"Score"}]}}""", "success", "summary.taxonomies[0]: \"value\" must be a string or a number, not missing", "taxonomy without value");
        yield return Case("""{"success":true,"full":{},"artifacts":{"dataType":"ip"}}""", "success", "\"artifacts\" is an object, not an array", "artifacts not an array");
        yield return Case("""{"success":true,"full":{},"artifacts":[{"data":"evil.example.org"}]}""", "success", "artifacts[0]: no \"dataType\" string", "artifact without data type");
        yield return Case("""{"success":true,"full":{},"artifacts":[{"dataType":"domain","data":["evil.example.org"]}]}""", "success", "artifacts[0]: a domain artifact needs \"data\" as a string, not an array", "artifact data not a string");
        yield return Case("""{"success":true,"full":{},"artifacts":[{"dataType":"file","file":"gone.bin","filename":"x.exe"}]}""", "success", "artifacts[0]: \"file\" names output/gone.bin, which does not exist", "file artifact missing");
        yield return Case("""{"success":true,"full":{},"artifacts":[{"dataType":"file","file":"sub/x.bin","filename":"x.exe"}]}""", "success", "artifacts[0]: \"file\" is \"sub/x.bin\": Cortex only takes a file directly inside output/", "file artifact in a sub-folder", "mkdir \"$1/output/sub\"; echo x > \"$1/output/sub/x.bin\"; ");
        yield return Case("""{"success":true,"full":{},"artifacts":[{"dataType":"file","file":"x.bin"}]}""", "success", "artifacts[0]: a file artifact needs \"filename\"", "file artifact without filename", "echo x > \"$1/output/x.bin\"; ");
        yield return Case("""{"success":true,"full":{},"operations":[{"type":"AddTagToCase","tag":"x"}]}""", "success", "operations[0]: AddTagToCase acts on", "operation that does not apply to the observable");
        yield return Case("""{"success":true,"full":"done","summary":{}}""", "broken report", "\"full\" is the string \"done\", not an object", "full not an object");
    }

    [TestCaseSource(nameof(BrokenAnalyzerReports))]
    public async Task BrokenAnalyzerReportIsCaught(string script, string verdict, string problem)
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", script);
        var flavor = root.WriteFlavor(AnalyzerFlavor());

        var (code, output, _) = await Cli.RunAsync("run", flavor, "--data-type", "ip", "--data", "198.51.100.7", "--json");

        code.Should().Be(1, output);
        var result = JObject.Parse(output);
        ((string?)result["verdict"]).Should().Be(verdict);
        result["problems"]!.Values<string>().Should().ContainSingle(p => p!.Contains(problem), output);
    }

    [Test]
    public async Task GoodAnalyzerReportWithAFileArtifactIsASuccess()
    {
        using var root = new ResponderRoot();
        const string report = """{"success":true,"full":{"score":7},"summary":{"taxonomies":[{"level":"malicious","namespace":"Acme","predicate":"Score","value":7}]},"artifacts":[{"dataType":"domain","data":"evil.example.org","tags":["acme"]},{"dataType":"file","file":"dropped.bin","filename":"invoice.exe"}],"operations":[{"type":"AddTagToArtifact","tag":"acme:malicious"}]}""";
        root.WriteScript("Acme/run.sh", $"echo MZ > \"$1/output/dropped.bin\"; printf '%s' '{report}' > \"$1/output/output.json\"");
        var flavor = root.WriteFlavor(AnalyzerFlavor());

        var (code, output, _) = await Cli.RunAsync("run", flavor, "--data-type", "ip", "--data", "198.51.100.7");

        code.Should().Be(0, output);
        output.Should().EndWith("verdict: success, 1 taxonomy, 2 artifacts, 1 operation(s) TheHive accepts\n").And.NotContain("problem:");
    }

    [TestCase(new string[0], "give the job: --input <job input or TheHive object>, or for an analyzer --data <value> with --data-type, or --file <path>", TestName = "no job at all")]
    [TestCase(new[] { "--data", "198.51.100.7" }, "--data needs --data-type, an observable type other than file", TestName = "a value without its data type")]
    [TestCase(new[] { "--data", "198.51.100.7", "--data-type", "thehive:case" }, ", not thehive:case; a TheHive object goes in a file given with --input", TestName = "a value of a TheHive object type")]
    [TestCase(new[] { "--data", "x", "--data-type", "file" }, ", not file; a TheHive object goes in a file given with --input, a file with --file", TestName = "a value of type file")]
    [TestCase(new[] { "--data", "198.51.100.7", "--data-type", "ip", "--input", "FIXTURE" }, "give only one of --input, --data", TestName = "a value and an input")]
    [TestCase(new[] { "--file", "FLAVOR", "--data-type", "ip" }, "--file makes a job of data type file, not ip", TestName = "a file of another data type")]
    [TestCase(new[] { "--file", "/nonexistent/sample.bin" }, "--file /nonexistent/sample.bin: no such file", TestName = "a file that does not exist")]
    public async Task AnalyzerJobArgumentsOfTheWrongShapeAreUsageErrors(string[] job, string message)
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", "touch ran");
        var flavor = root.WriteFlavor(AnalyzerFlavor());

        var (code, output, error) = await Cli.RunAsync(["run", flavor, .. job.Select(a => a == "FIXTURE" ? Repository.Fixture("thehive-case.json") : a == "FLAVOR" ? flavor : a)]);

        code.Should().Be(2, output);
        output.Should().BeEmpty();
        error.Should().StartWith("cortex-responder run: ").And.Contain(message);
        File.Exists(Path.Combine(root.Path, "ran")).Should().BeFalse();
    }

    /// <summary>A flavor of the test root with observable data types: an analyzer's.</summary>
    private static JObject AnalyzerFlavor()
    {
        var flavor = ResponderRoot.Flavor("Acme_Lookup");
        flavor["dataTypeList"] = new JArray("ip", "domain", "file");
        return flavor;
    }

    [TestCase(TestName = "no verb")]
    [TestCase("bogus", TestName = "unknown verb")]
    [TestCase("validate", TestName = "validate without a path")]
    [TestCase("validate", "/nonexistent/flavor.json", TestName = "validate on a missing path")]
    [TestCase("validate", ".", "--bogus", TestName = "validate with an unknown option")]
    [TestCase("run", TestName = "run without a flavor")]
    [TestCase("run", "flavor.json", TestName = "run without an input")]
    [TestCase("run", "flavor.json", "-i", "x.json", "--tlp", "amber", TestName = "run with a bad TLP")]
    [TestCase("catalog", TestName = "catalog without a root")]
    [TestCase("catalog", "/nonexistent", TestName = "catalog on a missing root")]
    [TestCase("catalog", ".", "--tag", TestName = "catalog with an option lacking its value")]
    [TestCase("image", TestName = "image without a root")]
    [TestCase("image", "/nonexistent", TestName = "image on a missing root")]
    [TestCase("image", ".", "--user", "cortex", TestName = "image with a user that is no UID")]
    [TestCase("run", "flavor.json", "-i", "x.json", "--runner", "nomad", TestName = "run with a runner Cortex does not have")]
    public async Task UsageErrorsGoToStandardErrorWithExitCode2(params string[] args)
    {
        var (code, output, error) = await Cli.RunAsync(args);

        code.Should().Be(2);
        output.Should().BeEmpty("a usage error is never mixed with a report");
        var verb = args.Length > 0 && args[0] is "validate" or "run" or "catalog" or "image" ? $"cortex-responder {args[0]}" : "cortex-responder";
        error.Should().StartWith($"{verb}: ").And.EndWith($"Run {verb} --help for usage.\n");
    }
}
