using System.Text;
using Cortex.Responders.Jobs;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Testing;

/// <summary>
/// One job of any worker, run in-process through the published executable's code path in a fresh job folder
/// (input/input.json, input/cacerts, the input files of an analyzer), then read back and deleted.
/// </summary>
internal static class InProcessJob
{
    internal sealed record Run(int ExitCode, string OutputText, JObject? Output, string Log, IReadOnlyDictionary<string, byte[]> OutputFiles);

    public static async Task<Run> RunAsync(Func<Worker> create, byte[] input, JobOptions options, IReadOnlyDictionary<string, byte[]>? inputFiles)
    {
        var jobDirectory = Directory.CreateTempSubdirectory("cortex-job-test-").FullName;
        try
        {
            var inputFile = JobFolder.InputFile(jobDirectory);
            Directory.CreateDirectory(Path.GetDirectoryName(inputFile)!);
            await File.WriteAllBytesAsync(inputFile, input).ConfigureAwait(false);
            foreach (var (name, content) in inputFiles ?? new Dictionary<string, byte[]>())
            {
                await File.WriteAllBytesAsync(Path.Combine(jobDirectory, JobFolder.InputFolder, name), content).ConfigureAwait(false);
            }

            var environment = options.Environment is null ? null : new Dictionary<string, string>(options.Environment);
            if (options.CaCertificates is not null)
            {
                var caFile = JobFolder.CaCertificatesFile(jobDirectory);
                await File.WriteAllTextAsync(caFile, options.CaCertificates).ConfigureAwait(false);
                environment ??= new Dictionary<string, string>();
                environment[JobFolder.CaBundleVariable] = caFile;
            }

            var log = new StringWriter();
            var context = new JobContext
            {
                JobDirectory = jobDirectory,
                Log = TextWriter.Synchronized(log),
                GetEnvironmentVariable = environment is null ? Environment.GetEnvironmentVariable : key => environment.GetValueOrDefault(key),
            };
            var target = new JobOutputFile(jobDirectory);
            var runner = new JobLifecycle(target, context);
            using var timeout = options.Timeout is { } limit ? new CancellationTokenSource(limit) : null;
            using var registration = timeout?.Token.Register(() => runner.Stop("cancelled: the job reached its timeout"));
            var exitCode = await runner.RunAsync(create, () => File.OpenRead(inputFile), inputFile).ConfigureAwait(false);

            var outputBytes = File.Exists(target.Path) ? await File.ReadAllBytesAsync(target.Path).ConfigureAwait(false) : [];
            var outputFiles = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            var outputFolder = Path.Combine(jobDirectory, JobFolder.OutputFolder);
            if (Directory.Exists(outputFolder))
            {
                foreach (var file in Directory.GetFiles(outputFolder).Where(file => Path.GetFileName(file) != JobFolder.OutputFileName))
                {
                    outputFiles[Path.GetFileName(file)] = await File.ReadAllBytesAsync(file).ConfigureAwait(false);
                }
            }

            return new Run(exitCode, Encoding.UTF8.GetString(outputBytes), TryParse(outputBytes), log.ToString(), outputFiles);
        }
        finally
        {
            Directory.Delete(jobDirectory, recursive: true);
        }
    }

    private static JObject? TryParse(byte[] output)
    {
        try
        {
            return CortexJson.Parse(output) as JObject;
        }
        catch (CortexJsonException)
        {
            return null;
        }
    }
}
