using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Cli.Tests.Running;

/// <summary>How `run` judges a responder's report as Cortex and TheHive would read it.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class ReportJudgeTests
{
    private const string GoodReport = """{"success":true,"full":{"message":"done"},"operations":[{"type":"AddTagToCase","tag":"done"}]}""";

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
}
