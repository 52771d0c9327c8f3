using Cortex.Responders;

namespace Cortex.Workers.Analyzers.EmlParser.Mail;

/// <summary>
/// The attachments' files, decoded straight into the job's output/ under fresh <c>artifact-…</c> names (the
/// names Cortex attaches), read-only, within <see cref="Bounds.Files"/> and <see cref="Bounds.FileBytes"/>.
/// Nothing goes to $TMPDIR. Until <see cref="Keep"/>, <see cref="Dispose"/> deletes every one of them: a job
/// that fails or is stopped leaves only its output.json.
/// </summary>
internal sealed class OutputFiles : IDisposable
{
    private readonly string? folder;
    private readonly List<string> written = [];
    private readonly Lock gate = new();
    private readonly long limit;
    private long bytes;
    private bool kept;

    /// <param name="folder">output/ of the job, or null when no file is wanted (auto_extract false, no job folder).</param>
    /// <param name="messageBytes">The message's size: the files together stay within twice it (nested messages repeat their attachments).</param>
    public OutputFiles(string? folder, long messageBytes)
    {
        this.folder = folder;
        limit = Math.Min(Bounds.FileBytes, 2 * messageBytes);
    }

    public bool Wanted => folder is not null;

    public int Count => written.Count;

    public long Bytes => bytes;

    /// <summary>A new file for a part, or null when the bounds are reached (or no file is wanted).</summary>
    public (FileStream Stream, string Name)? Create()
    {
        if (folder is null || written.Count >= Bounds.Files || bytes >= limit)
        {
            return null;
        }

        while (true)
        {
            var name = $"artifact-{Path.GetRandomFileName().Replace(".", string.Empty, StringComparison.Ordinal)}";
            var path = Path.Combine(folder, name);
            try
            {
                var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024);
                lock (gate)
                {
                    written.Add(path);
                }

                return (stream, name);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Taken already: draw another name.
            }
        }
    }

    /// <summary>Room left for the next file's bytes.</summary>
    public long Room => limit - bytes;

    /// <summary>A file written whole: counted, made read-only as Cortex's attachments are.</summary>
    public void Done(string name, long size)
    {
        bytes += size;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(folder!, name), UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
    }

    /// <summary>A file that will not be an artifact (cut by the bounds): deleted now.</summary>
    public void Drop(string name)
    {
        var path = Path.Combine(folder!, name);
        lock (gate)
        {
            written.Remove(path);
        }

        File.Delete(path);
    }

    /// <summary>The report that names the files is written: they stay.</summary>
    public void Keep() => kept = true;

    public void Dispose()
    {
        string[] files;
        lock (gate)
        {
            if (kept)
            {
                return;
            }

            files = [.. written];
            written.Clear();
        }

        foreach (var path in files)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // Best effort on the way out; the error output is written already.
            }
            catch (UnauthorizedAccessException)
            {
                // Likewise.
            }
        }
    }

    /// <summary>output/ of a job folder, created if needed.</summary>
    public static string OutputFolder(string jobDirectory) => Directory.CreateDirectory(Path.Combine(jobDirectory, JobFolder.OutputFolder)).FullName;
}
