using Cortex.Responders;
using System.Runtime.InteropServices;

namespace Cortex.Workers.Responders.Jupyter.Kernels.Local;

/// <summary>Signals a whole process group (a kernel started in a session of its own, and whatever its cells started).</summary>
internal static partial class ProcessGroup
{
    private const int SIGKILL = 9;

    /// <summary>Sends SIGKILL to every process of the group <paramref name="groupId"/>; false when none is left.</summary>
    public static bool Kill(int groupId) => groupId > 1 && KillNative(-groupId, SIGKILL) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int KillNative(int pid, int signal);
}
