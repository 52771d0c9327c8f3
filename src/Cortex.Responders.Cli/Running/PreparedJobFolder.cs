using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Cli.Running;

/// <summary>
/// The folder Cortex prepares for a job (its <c>prepareJobFolder</c>): a fresh <c>cortex-job-…</c> folder with
/// <c>input/input.json</c>, the file of an analyzer's <c>file</c> job under the name the input's <c>file</c> gives it
/// (owner-only, as <c>Files.createTempFile</c> makes it), <c>input/cacerts</c> when the organisation set CA certificates, and an empty
/// <c>output/</c>; the folder is owner-only (0700), as Cortex's <c>Files.createTempDirectory</c> makes it, which
/// decides who can read it inside a container. Any runner can take it from here: the process runner passes its path, a container runner mounts it.
/// </summary>
internal sealed class PreparedJobFolder
{
    private PreparedJobFolder(string path) => Path = path;

    /// <summary>The job folder.</summary>
    public string Path { get; }

    /// <summary>Writes the job folder under <paramref name="parent"/> (default: the temporary folder).</summary>
    /// <param name="input">The job input (<see cref="JobInputBuilder"/>), written as compact UTF-8 JSON.</param>
    /// <param name="caCertificates">PEM text Cortex writes to <c>input/cacerts</c>, or null.</param>
    /// <param name="parent">Where to create it, Cortex's <c>job.directory</c>.</param>
    /// <param name="attachment">The file of a <c>file</c> job, copied into <c>input/</c> as the input's <c>file</c> names it; or null.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    public static async Task<PreparedJobFolder> CreateAsync(
        JObject input, string? caCertificates, string? parent = null, string? attachment = null, CancellationToken cancellationToken = default)
    {
        var path = System.IO.Path.Combine(parent ?? System.IO.Path.GetTempPath(), $"cortex-job-{Guid.NewGuid():N}-{Random.Shared.Next():x}");
        var folder = new PreparedJobFolder(path);
        try
        {
            Directory.CreateDirectory(System.IO.Path.Combine(path, JobFolder.InputFolder));
            Directory.CreateDirectory(System.IO.Path.Combine(path, JobFolder.OutputFolder));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            await using (var stream = new FileStream(JobFolder.InputFile(path), FileMode.CreateNew, FileAccess.Write, FileShare.None, 16 * 1024, useAsync: true))
            {
                CortexJson.Write(input, stream);
            }

            if (attachment is not null)
            {
                var copy = System.IO.Path.Combine(path, JobFolder.InputFolder, (string?)input["file"] ?? throw new ArgumentException("the input names no \"file\"", nameof(input)));
                await using (var source = File.OpenRead(attachment))
                await using (var target = new FileStream(copy, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
                {
                    await source.CopyToAsync(target, cancellationToken);
                }

                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
            }

            if (caCertificates is not null)
            {
                await File.WriteAllTextAsync(JobFolder.CaCertificatesFile(path), caCertificates, cancellationToken);
            }

            return folder;
        }
        catch
        {
            folder.TryDelete(out _);
            throw;
        }
    }

    /// <summary>Deletes the job folder, as Cortex does after the job; false with the reason when it cannot.</summary>
    public bool TryDelete(out string? problem)
    {
        try
        {
            Directory.Delete(Path, recursive: true);
            problem = null;
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            problem = null;
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            problem = exception.Message;
            return false;
        }
    }
}
