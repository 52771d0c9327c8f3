using Cortex.Responders;
using System.Text;
using Cortex.Responders.TestSupport;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Analyzers.Echo.Tests;

/// <summary>
/// A job of Recorded/: its input (and input file), and the output Python cortexutils gave for the same Echo
/// analyzer on it, recorded by bench/cortexutils/record.py.
/// </summary>
public sealed record RecordedJob(string Name, JObject Input, string? InputFile, JObject Output)
{
    public static string Folder => Path.Combine(Repository.Root, "tests", "Echo.Analyzer.Tests", "Recorded");

    public static IEnumerable<RecordedJob> All() =>
        Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal).Select(Read);

    /// <summary>A job folder laid out as Cortex lays it out for this job: input/input.json and the input file.</summary>
    public CortexJob CreateJob()
    {
        var job = CortexJob.Create(Input);
        if (InputFile is not null)
        {
            File.WriteAllBytes(Path.Combine(job.Directory, "input", (string)Input["file"]!), Encoding.UTF8.GetBytes(InputFile));
        }

        return job;
    }

    public override string ToString() => Name;

    private static RecordedJob Read(string path)
    {
        var recorded = CortexJob.ReadJson(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is not a JSON object");
        return new RecordedJob(
            Path.GetFileNameWithoutExtension(path),
            (JObject)recorded["input"]!,
            (string?)recorded["inputFile"],
            (JObject)recorded["output"]!);
    }
}
