using Cortex.Responders.Cli.Definitions;

namespace Cortex.Responders.Cli.Images;

/// <summary>
/// What a responder folder may hold to go into an image: regular files and folders, and links to files of the
/// folder itself. A link that leaves the folder would ship a host file (an owner-only one as world-readable); a
/// link to a folder can loop; a FIFO blocks the copy. Every file of an image is readable by every user, so a file
/// its owner kept to themselves in a folder others can read (a key, a settings file with a secret) is refused too.
/// </summary>
internal static class FolderCheck
{
    /// <summary>One line per entry of <paramref name="folder"/> that cannot go into the image, saying what to do.</summary>
    public static IEnumerable<string> Problems(string folder)
    {
        var top = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var pending = new Stack<string>([top]);
        while (pending.TryPop(out var current))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(current).Order(StringComparer.Ordinal))
            {
                switch (FileTypes.Of(entry, followLinks: false))
                {
                    case FileType.Folder:
                        pending.Push(entry);
                        break;
                    case FileType.Link when LinkProblem(entry, top) is { } problem:
                        yield return problem;
                        break;
                    case FileType.Special:
                        yield return $"{entry} is a FIFO, socket or device: an image holds regular files only; remove it from the folder";
                        break;
                    case FileType.Regular when OwnerOnly(entry, current):
                        yield return $"{entry} is readable by its owner only, in a folder others can read: the image would ship it readable by every user "
                            + "who pulls it; remove it from the folder (a secret belongs in the worker's configuration), or chmod o+r it to ship it";
                        break;
                }
            }
        }
    }

    /// <summary>A file others cannot read in a folder they can: hidden on purpose (a publish under umask 077 hides the folder too).</summary>
    private static bool OwnerOnly(string file, string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        return (File.GetUnixFileMode(file) & others) == 0 && (File.GetUnixFileMode(folder) & UnixFileMode.OtherRead) != 0;
    }

    private static string? LinkProblem(string link, string top)
    {
        FileSystemInfo? target;
        try
        {
            target = File.ResolveLinkTarget(link, returnFinalTarget: true);
        }
        catch (IOException)
        {
            target = null; // A loop of links.
        }

        if (target is null || FileTypes.Of(target.FullName) == FileType.Missing)
        {
            return $"{link} is a symbolic link that leads nowhere (broken or looping): remove it, or replace it with the file";
        }

        var full = Path.GetFullPath(target.FullName);
        if (full != top && !full.StartsWith(top + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return $"{link} is a symbolic link to {full}, outside {top}: the image would ship that host file; copy the file into the folder, or remove the link";
        }

        return FileTypes.Of(full) == FileType.Regular
            ? null
            : $"{link} is a symbolic link to {full}, which is not a regular file (a link to a folder can loop): replace it with what it points to";
    }
}
