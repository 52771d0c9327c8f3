using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Cli.Tests.Running;

/// <summary>How `run` builds the job's input as Cortex does, and refuses an input Cortex would not send.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class JobInputBuilderTests
{
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

    [Test]
    public async Task TheFileJobIsBuiltAsCortexBuildsIt()
    {
        using var root = new ResponderRoot();
        root.WriteScript("Acme/run.sh", """cp "$1/input/input.json" "$1/output/seen.json"; ls "$1/input" > "$1/output/listing"; printf '{"success":true,"full":{},"operations":[]}' > "$1/output/output.json" """);
        var flavor = root.WriteFlavor(ResponderRoot.AnalyzerFlavor());
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
        var flavor = root.WriteFlavor(ResponderRoot.AnalyzerFlavor());

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
}
