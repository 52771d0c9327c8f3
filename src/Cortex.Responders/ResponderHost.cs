using System.Reflection;
using System.Runtime.InteropServices;
using Cortex.Responders.Hosting;
using Cortex.Responders.Jobs;

namespace Cortex.Responders;

/// <summary>Starts a responder as Cortex runs it: <c>&lt;command&gt; &lt;jobFolder&gt;</c>.</summary>
public static class ResponderHost
{
    /// <summary>The job folder when none is given and CORTEX_JOB_FOLDER is unset, as the Docker runner mounts it.</summary>
    public const string DefaultJobDirectory = JobFolder.DefaultPath;

    private const string JobFolderVariable = JobFolder.FolderVariable;

    private static readonly TimeSpan StandardInputWait = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Runs one job and returns the process exit code: 0 after a report, 1 after an error (the output says
    /// why, or standard error when no output could be written), 2 for a command line that makes no sense.
    /// The job input is <c>&lt;jobFolder&gt;/input/input.json</c> and the output
    /// <c>&lt;jobFolder&gt;/output/output.json</c>; when the input file does not exist the job comes on
    /// standard input and the report goes to standard output (Cortex 2). Anything the responder prints on
    /// standard output goes to standard error instead. SIGTERM (Cortex's timeout) writes an error output
    /// and cancels the responder's token.
    /// </summary>
    /// <typeparam name="TResponder">The responder.</typeparam>
    /// <param name="args">
    /// The command line: the job folder (default: CORTEX_JOB_FOLDER, else <c>/job</c>), or <c>--help</c>, <c>--version</c>.
    /// </param>
    /// <returns>The exit code.</returns>
    /// <example><code>return await ResponderHost.RunAsync&lt;MyResponder&gt;(args);</code></example>
    public static Task<int> RunAsync<TResponder>(string[] args)
        where TResponder : Responder, new() =>
        RunWorkerAsync<TResponder>(args);

    /// <summary>Runs one job of any kind of worker: <see cref="RunAsync{TResponder}"/>, <see cref="AnalyzerHost.RunAsync{TAnalyzer}"/>.</summary>
    /// <typeparam name="TWorker">The responder or analyzer.</typeparam>
    /// <param name="args">The command line.</param>
    /// <returns>The exit code.</returns>
    internal static async Task<int> RunWorkerAsync<TWorker>(string[] args)
        where TWorker : Worker, new()
    {
        // Signals first: a SIGTERM in the job's first milliseconds must still end in an error output.
        var signals = new SignalRelay();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signals.Handle);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signals.Handle);

        // And one that came even earlier, before the runtime started (kept by the executable's C constructor).
        if (EarlySignals.Pending() is { } early)
        {
            signals.Keep(early);
        }

        var standardError = Console.Error;
        if (ParseCommandLine(args, typeof(TWorker), standardError, out var jobDirectory) is { } exitCode)
        {
            return exitCode;
        }

        // The job folder's transport as soon as it has an input/ folder (Cortex made it): an input.json that is
        // missing or unreadable there is an error written to output/, not a reason to wait on standard input.
        var inputFile = JobFolder.InputFile(jobDirectory);
        var fromFile = Directory.Exists(Path.GetDirectoryName(inputFile)) || File.Exists(inputFile);

        // Whatever the responder prints goes to standard error; with the stdin/stdout transport, standard output
        // is kept for the report alone, down to the file descriptor.
        IJobOutputTarget target = fromFile ? new JobOutputFile(jobDirectory) : new JobOutputStream(StandardOutput.Take());
        Console.SetOut(standardError);
        var context = new JobContext
        {
            JobDirectory = fromFile ? jobDirectory : null,
            ExportProxies = true,
            Log = standardError,
        };
        var runner = new JobLifecycle(target, context);
        signals.Attach(runner);

        var source = fromFile ? inputFile : "standard input";
        try
        {
            // On this thread: a job that completes synchronously starts no other thread.
            return await runner.RunAsync(() => new TWorker(), () => fromFile ? OpenInputFile(inputFile) : ReadStandardInput(inputFile), source, onThisThread: true)
                .ConfigureAwait(false);
        }
        finally
        {
            signals.Finished();
        }
    }

    private static FileStream OpenInputFile(string inputFile)
    {
        if (Directory.Exists(inputFile))
        {
            throw new JobInputException($"the job input {inputFile} is a folder, not a file: Cortex writes the job input there as a file");
        }

        try
        {
            return new(inputFile, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024, FileOptions.SequentialScan);
        }
        catch (FileNotFoundException)
        {
            throw new JobInputException($"the job input {inputFile} does not exist: the job folder has an input/ folder but no input.json in it; check what prepared the job folder");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new JobInputException($"the job input {inputFile} cannot be read ({e.Message}): check that the responder runs as a user who can read the job folder (Cortex makes it owner-only)");
        }
    }

    private static MemoryStream ReadStandardInput(string inputFile)
    {
        if (!Console.IsInputRedirected)
        {
            throw new JobInputException(
                $"Input file doesn't exist: {inputFile} is missing and standard input is a terminal; run as <command> <jobFolder> with the job input in <jobFolder>/input/input.json");
        }

        // As cortexutils: the input must start coming within a few seconds, or there is none.
        var stdin = Console.OpenStandardInput();
        var chunk = new byte[64 * 1024];
        var reading = stdin.ReadAsync(chunk).AsTask();
        if (!reading.Wait(StandardInputWait))
        {
            throw new JobInputException(
                $"no job input: {inputFile} does not exist and nothing came on standard input within {StandardInputWait.TotalSeconds:0} s; check the job folder given on the command line (or mounted at /job)");
        }

        if (reading.Result == 0)
        {
            throw new JobInputException(
                $"no job input: {inputFile} does not exist and standard input is empty; check the job folder given on the command line (or mounted at /job)");
        }

        // Then it is read to its end, or until one whole JSON value has come and nothing but white space
        // follows for a moment: a writer that never closes standard input must not hold the job until SIGTERM.
        var buffer = new MemoryStream();
        var value = new StandardInputValue();
        while (true)
        {
            var read = reading.Result;
            if (read == 0)
            {
                break;
            }

            buffer.Write(chunk, 0, read);
            if (value.Feed(chunk.AsSpan(0, read)) is StandardInputValue.State.Complete or StandardInputValue.State.Broken)
            {
                // Copied: the pending read below may still fill the old array.
                chunk = new byte[chunk.Length];
                reading = stdin.ReadAsync(chunk).AsTask();
                if (!reading.Wait(StandardInputValue.Grace))
                {
                    break;
                }

                continue;
            }

            reading = stdin.ReadAsync(chunk).AsTask();
            reading.Wait();
        }

        buffer.Position = 0;
        return buffer;
    }

    /// <summary>
    /// Reads the command line by hand: Cortex only ever passes the job folder, and a parser library would
    /// cost every job its start-up for the sake of <c>--help</c> and <c>--version</c>.
    /// </summary>
    /// <returns>The exit code when the command line was all there is to do, or null to run the job.</returns>
    private static int? ParseCommandLine(string[] args, Type responder, TextWriter standardError, out string jobDirectory)
    {
        jobDirectory = JobFolder.Resolve([], Environment.GetEnvironmentVariable);
        var folderAt = 0;
        switch (args is [] ? null : args[0])
        {
            case null:
                return null;
            case "--help" or "-h" or "-?":
                Console.Out.Write(Usage(responder));
                return 0;
            case "--version":
                Console.Out.WriteLine(Version(responder));
                return 0;
            case "--":
                // A job folder whose name starts with a dash.
                folderAt = 1;
                break;
            case ['-', _, ..] option:
                standardError.WriteLine($"Unrecognized option '{option}'.");
                standardError.WriteLine();
                standardError.Write(Usage(responder));
                return 2;
        }

        // Like cortexutils, the first argument is the job folder and any other is ignored.
        if (args.Length > folderAt)
        {
            jobDirectory = args[folderAt];
        }

        if (args.Length > folderAt + 1)
        {
            standardError.WriteLine($"warning: arguments after the job folder are ignored: {string.Join(' ', args[(folderAt + 1)..])}");
        }

        return null;
    }

    private static string Usage(Type responder) => $"""
        {responder.Name}: a Cortex {(responder.IsSubclassOf(typeof(Analyzer)) ? "analyzer" : "responder")}. Cortex runs it as <command> <jobFolder>.

        Usage:
          {Path.GetFileName(Environment.ProcessPath) ?? responder.Name} [<jobFolder>] [options]

        Arguments:
          <jobFolder>  The job folder Cortex prepared: input/input.json is read, output/output.json written.
                       Default: ${JobFolderVariable}, else {DefaultJobDirectory}. Without input/input.json, the job is
                       read from standard input and the report written to standard output (Cortex 2).

        Options:
          -?, -h, --help  Show this help.
          --version       Show the version.

        Exit codes: 0 after a report, 1 after an error (the output says why), 2 for a bad command line.

        """;

    private static string Version(Type responder)
    {
        var assembly = responder.Assembly;
        return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString(3)
            ?? "0.0.0";
    }
}
