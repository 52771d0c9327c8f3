using System.Runtime.InteropServices;

namespace Cortex.Responders.Cli.Running;

/// <summary>Sends a signal to a process: .NET's <c>Process.Kill</c> only sends SIGKILL, and Cortex sends SIGTERM first.</summary>
internal static partial class UnixSignal
{
    private const int SIGTERM = 15;

    /// <summary>Sends SIGTERM to <paramref name="processId"/>; false when it is gone already.</summary>
    public static bool Terminate(int processId) => Kill(processId, SIGTERM) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
