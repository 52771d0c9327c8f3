using System.Diagnostics;

namespace Cortex.Workers.Analyzers.EmlParser.Mail;

/// <summary>
/// The folder wkhtmltoimage takes as its home, temporary and runtime folder: a fresh one inside the job's output/,
/// private to the job (0700, which Qt requires of a runtime folder), and deleted with everything in it when the
/// drawing is over, whether it succeeded, failed or was stopped. Left alone, Qt makes <c>/tmp/runtime-&lt;user&gt;</c>
/// and wkhtmltoimage copies each page it reads on standard input to <c>$TMPDIR/wktemp-&lt;uuid&gt;.html</c>, which
/// it never deletes: the mail's HTML would stay outside output/ after the job.
/// </summary>
internal sealed class RenderingFolder : IDisposable
{
    /// <summary>What Qt, fontconfig and wkhtmltoimage read to choose where they write.</summary>
    private static readonly string[] Variables = ["TMPDIR", "TMP", "TEMP", "XDG_RUNTIME_DIR", "HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"];

    private RenderingFolder(string path) => Path = path;

    public string Path { get; }

    /// <summary>
    /// A new folder in output/ of <paramref name="jobDirectory"/>; with no job folder (the job came on standard input,
    /// there is no output/), a new temporary one.
    /// </summary>
    public static RenderingFolder Create(string? jobDirectory)
    {
        if (jobDirectory is null)
        {
            return new RenderingFolder(Directory.CreateTempSubdirectory("emlparser-rendering-").FullName);
        }

        // A random name that exists already is all but impossible; a few tries bound the loop all the same.
        var output = OutputFiles.OutputFolder(jobDirectory);
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var path = System.IO.Path.Combine(output, $"rendering-{System.IO.Path.GetRandomFileName().Replace(".", string.Empty, StringComparison.Ordinal)}");
            if (Directory.Exists(path))
            {
                continue;
            }

            // Created private in one step: no moment where another user could enter it.
            return new RenderingFolder(OperatingSystem.IsWindows()
                ? Directory.CreateDirectory(path).FullName
                : Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName);
        }

        throw new IOException($"no new folder could be made in {output} for wkhtmltoimage: check that output/ is writable");
    }

    /// <summary>Points the program's home, temporary and runtime folders at this one.</summary>
    public void Apply(ProcessStartInfo start)
    {
        foreach (var name in Variables)
        {
            start.Environment[name] = Path;
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Gone already.
        }
        catch (IOException)
        {
            // Best effort on the way out: a job that ends here still writes its output.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise.
        }
    }
}
