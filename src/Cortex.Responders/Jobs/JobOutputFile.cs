namespace Cortex.Responders.Jobs;

/// <summary>
/// Writes output/output.json atomically: the bytes go to a temporary file inside output/ (never /job itself,
/// which the Kubernetes runner mounts read-only) and are renamed over the final name, so Cortex never
/// reads half a report.
/// </summary>
internal sealed class JobOutputFile(string jobDirectory) : IJobOutputTarget
{
    private readonly string outputDirectory = System.IO.Path.Combine(jobDirectory, JobFolder.OutputFolder);

    public string Path => System.IO.Path.Combine(outputDirectory, JobFolder.OutputFileName);

    private bool written;

    public string Description => Path;

    public bool KeepsProvisional => true;

    public void Write(Action<Stream> serialize)
    {
        Directory.CreateDirectory(outputDirectory);
        var temporary = System.IO.Path.Combine(outputDirectory, $".output.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 64 * 1024))
            {
                serialize(stream);
                // No fsync: the rename alone makes the report appear whole to Cortex, which reads it as soon as the
                // process ends and then deletes the folder; an fsync bought nothing but a wait on the disk's journal
                // (measured 0.2 ms idle, 3 to 20 ms on a busy disk).
                stream.Flush();
            }

            File.Move(temporary, Path, overwrite: true);
            written = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && !written && File.Exists(Path))
        {
            throw new IOException($"{e.Message}; the output.json already in {outputDirectory} is stale, from before this job, and Cortex will read it as this job's answer: remove it and make the folder writable", e);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
