using System.Runtime.InteropServices;

namespace Cortex.Responders.Hosting;

/// <summary>
/// Keeps standard output for the report alone. The real standard output is set aside and file descriptor 1
/// is pointed at standard error, so nothing else (Console.Write, native code, a child process) can put a
/// stray line into a report that Cortex 2 reads from standard output.
/// </summary>
internal static partial class StandardOutput
{
    private const int StandardOutputDescriptor = 1;
    private const int StandardErrorDescriptor = 2;
    private const int DuplicateCloseOnExec = 1030; // F_DUPFD_CLOEXEC on Linux

    /// <summary>
    /// Takes standard output over, for the stdin/stdout transport; returns the stream the report is to be
    /// written to (a copy of the real standard output that child processes do not inherit).
    /// </summary>
    public static Stream Take()
    {
        Console.Out.Flush();
        Stream report = Console.OpenStandardOutput();
        if (OperatingSystem.IsLinux())
        {
            var saved = DuplicateDescriptor(StandardOutputDescriptor, DuplicateCloseOnExec, 3);
            if (saved >= 0 && DuplicateTo(StandardErrorDescriptor, StandardOutputDescriptor) >= 0)
            {
                report = new DescriptorStream(saved);
            }
        }

        Console.SetOut(Console.Error);
        return report;
    }

    [LibraryImport("libc", EntryPoint = "fcntl")]
    private static partial int DuplicateDescriptor(int descriptor, int command, int lowest);

    [LibraryImport("libc", EntryPoint = "dup2")]
    private static partial int DuplicateTo(int descriptor, int target);
}
