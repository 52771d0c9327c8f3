using System.Runtime.InteropServices;

namespace Cortex.Responders.Cli.Definitions;

/// <summary>
/// Tells a regular file from a FIFO, socket or device before anything opens it, with Linux's <c>statx</c>
/// (whose layout is the same on every architecture). .NET's file attributes cannot tell them apart.
/// </summary>
internal static partial class FileTypes
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;
    private const int TypeMask = 0xF000;

    /// <summary>What <paramref name="path"/> is; with <paramref name="followLinks"/> false, a link is <see cref="FileType.Link"/>.</summary>
    public static FileType Of(string path, bool followLinks = true)
    {
        if (!OperatingSystem.IsLinux())
        {
            // Elsewhere .NET's own view: no FIFO check.
            var info = new FileInfo(path);
            return !followLinks && info.LinkTarget is not null ? FileType.Link
                : Directory.Exists(path) ? FileType.Folder
                : File.Exists(path) ? FileType.Regular
                : FileType.Missing;
        }

        var buffer = new byte[256];
        if (Statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxType, buffer) != 0)
        {
            return FileType.Missing;
        }

        return (BitConverter.ToUInt16(buffer, ModeOffset) & TypeMask) switch
        {
            0x8000 => FileType.Regular,
            0x4000 => FileType.Folder,
            0xA000 => FileType.Link,
            _ => FileType.Special,
        };
    }

    /// <summary>null when <paramref name="path"/> is a regular file (links followed), else why it cannot be read as one, for a one-line refusal.</summary>
    public static string? NotRegular(string path) => Of(path) switch
    {
        FileType.Regular => null,
        FileType.Folder => "is a folder, not a file",
        FileType.Special => "is a FIFO, socket or device, not a regular file (reading it could wait for ever)",
        _ => "does not exist",
    };

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = false)]
    private static partial int Statx(int directory, string path, int flags, uint mask, [Out] byte[] buffer);
}
