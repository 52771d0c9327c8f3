using Cortex.Responders.Jobs;

namespace Cortex.Responders.Hosting;

/// <summary>Where a job's input comes from: the job folder's input/input.json, or standard input (Cortex 2).</summary>
internal static class JobInputSource
{
    private static readonly TimeSpan StandardInputWait = TimeSpan.FromSeconds(3);

    /// <summary>Opens input/input.json; a folder there, a missing file or one that cannot be read is a job input error that says what to check.</summary>
    /// <param name="inputFile">The job folder's input file.</param>
    /// <returns>The open file.</returns>
    public static FileStream OpenFile(string inputFile)
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
            throw new JobInputException($"the job input {inputFile} cannot be read ({e.Message}): check that the worker runs as a user who can read the job folder (Cortex makes it owner-only)");
        }
    }

    /// <summary>
    /// Reads the job from standard input, as cortexutils: it must start coming within a few seconds, and ends at
    /// the end of the stream or once one whole JSON value has come and nothing follows for a moment.
    /// </summary>
    /// <param name="inputFile">The job folder's input file, named in the errors.</param>
    /// <returns>The input's bytes.</returns>
    public static MemoryStream ReadStandardInput(string inputFile)
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
}
