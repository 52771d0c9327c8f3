using Cortex.Responders;
using System.Text;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Workers.Responders.Echo.Tests;

/// <summary>The published Echo executable, run as Cortex's process runner runs it, on every data type and failure path.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class EchoProcessTests
{
    private const string Command = "Echo/Echo";
    private static string root = string.Empty;

    public static IEnumerable<string> Fixtures =>
    [
        "thehive-case.json", "thehive-alert.json", "thehive-case-artifact.json", "thehive-case-task.json", "thehive-case-task-log.json",
    ];

    [OneTimeSetUp]
    public async Task PublishEcho() => root = await PublishedResponders.PublishAsync("Echo");

    [TestCaseSource(nameof(Fixtures))]
    public async Task EchoFlavorReportsTheTheHiveObjectUnchanged(string fixture)
    {
        using var job = CortexJob.FromFixture(fixture, input => input["config"]!["service"] = "echo");
        var run = await job.RunAsync(root, Command);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Success.Should().BeTrue();
        var data = CortexJob.ReadJson(File.ReadAllText(Repository.Fixture(fixture)))!["data"];
        JToken.DeepEquals(run.Output!["full"], data).Should().BeTrue(run.ToString());
        run.Output!["operations"].Should().BeOfType<JArray>().Which.Should().BeEmpty();
        run.StandardOutput.Should().BeEmpty();
    }

    [TestCase("thehive-case.json", "AddTagToCase")]
    [TestCase("thehive-case-artifact.json", "AddTagToArtifact")]
    [TestCase("thehive-case-task.json", "AddTagToCase")]
    [TestCase("thehive-case-task-log.json", "AddTagToCase")]
    [TestCase("thehive-alert.json", "AddTagToAlert")]
    public async Task TestFlavorReportsAMessageAndTagsWhatTheHiveCanTag(string fixture, string operation)
    {
        using var job = CortexJob.FromFixture(fixture, input => input["config"]!["service"] = "test");
        var run = await job.RunAsync(root, Command);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Output!["full"]!.ToString(Formatting.None).Should().Be("""{"message":"test"}""");
        run.Output!["operations"]!.ToString(Formatting.None).Should().Be($$"""[{"type":"{{operation}}","tag":"test"}]""");
    }

    [TestCase("thehive-case.json")]
    [TestCase("thehive-alert.json")]
    public async Task OutputIsUtf8WithoutBomAndNonAsciiIsNotEscaped(string fixture)
    {
        using var job = CortexJob.FromFixture(fixture, input =>
        {
            input["config"]!["service"] = "echo";
            input["data"]!["title"] = "Hameçonnage – 请求 🎣";
        });
        var run = await job.RunAsync(root, Command);

        run.OutputBytes.Take(3).Should().NotEqual(new byte[] { 0xEF, 0xBB, 0xBF });
        var text = Encoding.UTF8.GetString(run.OutputBytes);
        text.Should().Contain("Hameçonnage – 请求 🎣").And.NotContain("\\u");
    }

    public static IEnumerable<TestCaseData> FailurePaths()
    {
        yield return Case("no config.service", i => ((JObject)i["config"]!).Remove("service"), "Service parameter is missing.");
        yield return Case("unknown service", i => i["config"]!["service"] = "nope", "Unknown service \"nope\": config.service must be \"echo\" or \"test\".");
        yield return Case("data is a string", i => i["data"] = "1.2.3.4", "data must be an object, but it is the string \"1.2.3.4\"");
        yield return Case("data is an array", i => i["data"] = new JArray(1, 2), "data must be an object, but it is an array");
        yield return Case("no data", i => i.Remove("data"), "Missing data field");
        yield return Case("data is null", i => i["data"] = JValue.CreateNull(), "Missing data field");
        yield return Case("no dataType", i => i.Remove("dataType"), "Missing dataType field");
        yield return Case("TLP too high", i => { i["tlp"] = 3; i["config"]!["check_tlp"] = true; i["config"]!["max_tlp"] = 2; }, "TLP is higher than allowed.");
        yield return Case("PAP too high", i => { i["pap"] = 3; i["config"]!["check_pap"] = true; i["config"]!["max_pap"] = 1; }, "PAP is higher than allowed.");
        yield return Case("tlp not a number", i => i["tlp"] = "amber", "tlp must be a whole number, but it is the string \"amber\"");
        yield return Case(
            "control characters in the message",
            i => i["config"]!["service"] = "a\u2028b\u2029c\u0085d\0e\u001b[31mf\tg\u009bh\r\ni",
            "Unknown service \"a b c d e [31mf g h i\": config.service must be \"echo\" or \"test\".");

        static TestCaseData Case(string name, Action<JObject> edit, string message, bool exact = true) =>
            new TestCaseData(edit, message, exact).SetName($"FailurePathEndsInAnErrorOutput({name})");
    }

    [TestCaseSource(nameof(FailurePaths))]
    public async Task FailurePathEndsInAnErrorOutput(Action<JObject> edit, string message, bool exact)
    {
        using var job = CortexJob.FromFixture("thehive-case.json", input =>
        {
            input["config"]!["service"] = "echo";
            edit(input);
        });
        var run = await job.RunAsync(root, Command);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Success.Should().BeFalse();
        if (exact)
        {
            run.ErrorMessage.Should().Be(message);
        }
        else
        {
            run.ErrorMessage.Should().Contain(message);
        }

        run.Output!["input"].Should().BeOfType<JObject>("Cortex stores the input with the failed job");
    }

    [TestCase(new byte[0], "is empty", TestName = "BrokenInputEndsInAnErrorOutput(empty)")]
    [TestCase(new byte[] { (byte)' ', (byte)'\n' }, "is empty", TestName = "BrokenInputEndsInAnErrorOutput(blank)")]
    [TestCase(new byte[] { (byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':' }, "is not valid JSON", TestName = "BrokenInputEndsInAnErrorOutput(truncated JSON)")]
    [TestCase(new byte[] { (byte)'[', (byte)']' }, "must be a JSON object, but it is an array", TestName = "BrokenInputEndsInAnErrorOutput(array)")]
    [TestCase(new byte[] { (byte)'4', (byte)'2' }, "must be a JSON object, but it is the number 42", TestName = "BrokenInputEndsInAnErrorOutput(number)")]
    [TestCase(new byte[] { (byte)'{', (byte)'}', (byte)'{', (byte)'}' }, "is invalid after a single JSON value", TestName = "BrokenInputEndsInAnErrorOutput(two objects)")]
    [TestCase(new byte[] { (byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}' }, "is not valid UTF-8 (bad byte at offset 2)", TestName = "BrokenInputEndsInAnErrorOutput(invalid UTF-8)")]
    public async Task BrokenInputEndsInAnErrorOutput(byte[] input, string message)
    {
        using var job = CortexJob.Create(input);
        var run = await job.RunAsync(root, Command);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Success.Should().BeFalse();
        run.ErrorMessage.Should().Contain(message).And.Contain(job.InputFile);
        run.Output!.ContainsKey("input").Should().BeFalse("there is no input to return");
    }

    [Test]
    public async Task InputWithByteOrderMarkIsAccepted()
    {
        var input = JObject.Parse(File.ReadAllText(Repository.Fixture("thehive-case.json")));
        input["config"]!["service"] = "test";
        using var job = CortexJob.Create([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(input.ToString())]);
        var run = await job.RunAsync(root, Command);

        run.Success.Should().BeTrue(run.ToString());
    }

    [Test]
    public async Task FiftyMegabyteInputIsEchoedWhole()
    {
        var big = new JArray(Enumerable.Range(0, 50_000).Select(i => new JObject { ["id"] = i, ["text"] = new string('x', 1_000) }));
        using var job = CortexJob.FromFixture("thehive-case.json", input =>
        {
            input["config"]!["service"] = "echo";
            input["data"]!["bulk"] = big;
        });
        new FileInfo(job.InputFile).Length.Should().BeGreaterThan(50_000_000);

        var run = await job.RunAsync(root, Command);

        run.ExitCode.Should().Be(0, run.StandardError);
        ((JArray)run.Output!["full"]!["bulk"]!).Count.Should().Be(50_000);
        run.OutputBytes.Length.Should().BeGreaterThan(50_000_000);
    }

    [Test]
    public async Task SecretsAreMaskedInTheErrorOutputAndItsMessage()
    {
        using var job = CortexJob.FromFixture("thehive-case.json", input =>
        {
            var config = (JObject)input["config"]!;
            config["service"] = "nope-hunter2-secret";
            config["smtp_pwd"] = "hunter2-secret";
            config["api_token"] = "tok-123456";
            config["proxy"] = new JObject { ["https"] = "http://bob:pr0xy-pass@proxy.example:3128" };
            config["nested"] = new JObject { ["client_secret"] = "nested-secret-value", ["name"] = "kept" };
        });
        var run = await job.RunAsync(root, Command);

        run.Success.Should().BeFalse();
        var text = Encoding.UTF8.GetString(run.OutputBytes);
        text.Should().NotContain("hunter2-secret").And.NotContain("tok-123456").And.NotContain("pr0xy-pass").And.NotContain("nested-secret-value");
        var config = run.Output!["input"]!["config"]!;
        ((string?)config["smtp_pwd"]).Should().Be("REMOVED");
        ((string?)config["api_token"]).Should().Be("REMOVED");
        ((string?)config["proxy"]!["https"]).Should().Be("http://REMOVED@proxy.example:3128");
        ((string?)config["nested"]!["client_secret"]).Should().Be("REMOVED");
        ((string?)config["nested"]!["name"]).Should().Be("kept");
        run.ErrorMessage.Should().Be("Unknown service \"nope-REMOVED\": config.service must be \"echo\" or \"test\".");
    }

    [Test]
    public async Task WithoutInputFileTheJobIsReadFromStandardInputAndReportedOnStandardOutput()
    {
        using var job = CortexJob.CreateEmpty();
        var input = JObject.Parse(File.ReadAllText(Repository.Fixture("thehive-alert.json")));
        input["config"]!["service"] = "test";

        var run = await job.RunAsync(root, Command, standardInput: Encoding.UTF8.GetBytes(input.ToString()));

        run.ExitCode.Should().Be(0, run.ToString());
        File.Exists(job.OutputFile).Should().BeFalse();
        var report = CortexJob.ReadJson(run.StandardOutput);
        report.Should().NotBeNull(run.StandardOutput);
        ((bool)report!["success"]!).Should().BeTrue();
        report["operations"]![0]!["type"]!.ToString().Should().Be("AddTagToAlert");
    }

    [Test]
    public async Task MissingJobFolderWithEmptyStandardInputSaysWhatIsMissing()
    {
        using var job = CortexJob.CreateEmpty();
        var missing = Path.Combine(job.Directory, "not-there");

        var run = await job.RunAsync(root, Command, arguments: [missing]);

        run.ExitCode.Should().Be(1);
        var report = CortexJob.ReadJson(run.StandardOutput);
        ((string?)report!["errorMessage"]).Should().Be(
            $"no job input: {missing}/input/input.json does not exist and standard input is empty; check the job folder given on the command line (or mounted at /job)");
    }

    [Test]
    public async Task WithoutArgumentTheJobFolderIsSlashJob()
    {
        using var job = CortexJob.CreateEmpty();
        var run = await job.RunAsync(root, Command, arguments: []);

        CortexJob.ReadJson(run.StandardOutput)!["errorMessage"]!.ToString().Should().Contain("/job/input/input.json does not exist");
    }

    [Test]
    public async Task WithoutArgumentCortexJobFolderNamesTheJobFolderAsKubernetesSetsIt()
    {
        using var job = CortexJob.FromFixture("thehive-case.json", input => input["config"]!["service"] = "test");
        var run = await job.RunAsync(root, Command, arguments: [], environment: new Dictionary<string, string> { ["CORTEX_JOB_FOLDER"] = job.Directory });

        run.Success.Should().BeTrue(run.ToString());
    }

    [Test]
    public async Task UnwritableOutputIsSaidOnStandardErrorWithANonZeroExit()
    {
        using var job = CortexJob.FromFixture("thehive-case.json", input => input["config"]!["service"] = "echo");
        Directory.Delete(Path.Combine(job.Directory, "output"));
        await File.WriteAllTextAsync(Path.Combine(job.Directory, "output"), "a file where Cortex's output folder should be");

        var run = await job.RunAsync(root, Command);

        run.ExitCode.Should().Be(1);
        run.StandardError.Should().Contain($"cannot write the job output to {job.OutputFile}");
        run.StandardOutput.Should().BeEmpty();
    }

    [Test]
    public async Task MissingOutputFolderIsCreated()
    {
        using var job = CortexJob.FromFixture("thehive-case.json", input => input["config"]!["service"] = "echo");
        Directory.Delete(Path.Combine(job.Directory, "output"));

        var run = await job.RunAsync(root, Command);

        run.Success.Should().BeTrue(run.ToString());
        Directory.GetFiles(Path.Combine(job.Directory, "output")).Should().ContainSingle("no temporary file is left behind");
    }

    [Test]
    public async Task HelpAndVersionGoToStandardOutput()
    {
        using var job = CortexJob.CreateEmpty();
        var help = await job.RunAsync(root, Command, arguments: ["--help"]);
        var version = await job.RunAsync(root, Command, arguments: ["--version"]);
        var wrong = await job.RunAsync(root, Command, arguments: ["--bogus"]);

        help.ExitCode.Should().Be(0);
        help.StandardOutput.Should().Contain("<jobFolder>").And.Contain("--version");
        version.ExitCode.Should().Be(0);
        version.StandardOutput.Trim().Should().MatchRegex(@"^\d+\.\d+\.\d+");
        wrong.ExitCode.Should().Be(2);
        wrong.StandardError.Should().Contain("Unrecognized option '--bogus'.");
    }

    [Test]
    public async Task ArgumentsAfterTheJobFolderAreIgnoredAsInCortexutils()
    {
        using var job = CortexJob.FromFixture("thehive-case.json", input => input["config"]!["service"] = "test");

        var run = await job.RunAsync(root, Command, arguments: [job.Directory, "extra", "--verbose"]);

        run.Success.Should().BeTrue(run.ToString());
        run.StandardError.Should().Contain("warning: arguments after the job folder are ignored: extra --verbose");
    }

    [Test]
    public async Task OnATerminalWithoutInputFileTheErrorSaysHowToRun()
    {
        if (!File.Exists("/usr/bin/script"))
        {
            Assert.Ignore("util-linux script is needed to give the responder a terminal");
        }

        using var job = CortexJob.CreateEmpty();
        var shell = $"'{Path.Combine(root, Command)}' '{job.Directory}'";
        var run = await job.RunAsync("/usr/bin", "script", arguments: ["-qec", shell, "/dev/null"]);

        run.StandardOutput.Should().Contain("Input file doesn't exist").And.Contain("standard input is a terminal");
    }
}
