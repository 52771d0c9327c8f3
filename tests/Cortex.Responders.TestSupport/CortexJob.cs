using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.TestSupport;

/// <summary>
/// A job folder laid out as Cortex's process runner lays it out (input/input.json, output/), and the run of a
/// responder's command on it: the job folder as argument, the responders root as working directory,
/// SIGTERM at the timeout.
/// </summary>
public sealed partial class CortexJob : IDisposable
{
    private static readonly TimeSpan HardLimit = TimeSpan.FromSeconds(60);

    private CortexJob(string directory) => Directory = directory;

    public string Directory { get; }

    public string InputFile => JobFolder.InputFile(Directory);

    public string OutputFile => JobFolder.OutputFile(Directory);

    public static CortexJob Create(JObject input) => Create(Encoding.UTF8.GetBytes(input.ToString(Formatting.None)));

    public static CortexJob Create(byte[] input)
    {
        var job = CreateEmpty();
        System.IO.Directory.CreateDirectory(Path.Combine(job.Directory, JobFolder.InputFolder));
        System.IO.Directory.CreateDirectory(Path.Combine(job.Directory, JobFolder.OutputFolder));
        File.WriteAllBytes(job.InputFile, input);
        return job;
    }

    /// <summary>A folder that holds no job (no input/): the worker reads its job on standard input, as from Cortex 2.</summary>
    public static CortexJob CreateEmpty() => new(System.IO.Directory.CreateTempSubdirectory("cortex-job-").FullName);

    /// <summary>Reads a fixture of tests/fixtures/jobs, lets <paramref name="edit"/> change it, and makes a job of it.</summary>
    public static CortexJob FromFixture(string name, Action<JObject>? edit = null)
    {
        var input = ReadJson(File.ReadAllText(Repository.Fixture(name)))!;
        edit?.Invoke(input);
        return Create(input);
    }

    /// <summary>Runs <c>&lt;root&gt;/&lt;command&gt; &lt;jobFolder&gt;</c> from <paramref name="root"/>, as Cortex does.</summary>
    /// <param name="root">The responders root (Cortex's working directory for the process).</param>
    /// <param name="command">The flavor's command, relative to the root.</param>
    /// <param name="timeout">When to send SIGTERM, as Cortex's job timeout; null for none.</param>
    /// <param name="standardInput">What to write on standard input before closing it; null closes it at once.</param>
    /// <param name="standardInputDelay">How long to wait before writing <paramref name="standardInput"/> (standard input stays open meanwhile).</param>
    /// <param name="keepStandardInputOpen">Leave standard input open after <paramref name="standardInput"/> until the process ends, as a writer that never closes it.</param>
    /// <param name="arguments">The arguments; null means the job folder alone.</param>
    /// <param name="environment">Extra environment variables.</param>
    public async Task<CortexRun> RunAsync(
        string root,
        string command,
        TimeSpan? timeout = null,
        byte[]? standardInput = null,
        IReadOnlyList<string>? arguments = null,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? standardInputDelay = null,
        bool keepStandardInputOpen = false)
    {
        var start = new ProcessStartInfo(Path.Combine(root, command))
        {
            WorkingDirectory = root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments ?? [Directory])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var outputBuffer = new MemoryStream();
        var readOut = process.StandardOutput.BaseStream.CopyToAsync(outputBuffer);
        var readErr = process.StandardError.ReadToEndAsync();
        var feed = Task.Run(async () =>
        {
            try
            {
                if (standardInputDelay is { } delay)
                {
                    await Task.Delay(delay);
                }

                if (standardInput is not null)
                {
                    await process.StandardInput.BaseStream.WriteAsync(standardInput);
                }

                if (keepStandardInputOpen)
                {
                    await process.StandardInput.BaseStream.FlushAsync();
                    await process.WaitForExitAsync();
                }

                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The process ended before reading its input: that is what some tests look at.
            }
        });

        var stopwatch = Stopwatch.StartNew();
        var terminated = false;
        if (timeout is { } limit && !await Exited(process, limit))
        {
            Terminate(process.Id);
            terminated = true;
        }

        if (!await Exited(process, HardLimit))
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{command} did not end within {HardLimit.TotalSeconds} s (killed)");
        }

        var elapsed = stopwatch.Elapsed;
        await Task.WhenAll(readOut, readErr, feed);
        var outputBytes = File.Exists(OutputFile) ? await File.ReadAllBytesAsync(OutputFile) : [];
        return new CortexRun(
            process.ExitCode,
            outputBuffer.ToArray(),
            await readErr,
            outputBytes,
            ReadJson(Encoding.UTF8.GetString(outputBytes)),
            terminated,
            elapsed);
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    /// <summary>Parses a report as Cortex does (the contract's reader: strict, dates kept as strings, text after the value ignored); null when it is not a JSON object.</summary>
    public static JObject? ReadJson(string text)
    {
        try
        {
            return CortexJson.Parse(text, CortexJsonReadOptions) as JObject;
        }
        catch (CortexJsonException)
        {
            return null;
        }
    }

    private static readonly CortexJsonReadOptions CortexJsonReadOptions = new() { IgnoreTrailingContent = true };

    private static async Task<bool> Exited(Process process, TimeSpan limit)
    {
        using var cancellation = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static void Terminate(int processId)
    {
        const int SIGTERM = 15;
        if (Kill(processId, SIGTERM) != 0)
        {
            throw new InvalidOperationException($"kill({processId}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
