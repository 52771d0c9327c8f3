using System.Runtime.InteropServices;

namespace Cortex.Responders.Hosting;

/// <summary>
/// A SIGTERM or SIGINT that came before the host's handlers were in place. A published worker links a C
/// constructor that catches them from the process's first instant (build/Cortex.Responders.EarlySignals.c); a
/// worker run another way (in-process tests, the JIT) has none, and this says so.
/// </summary>
internal static partial class EarlySignals
{
    /// <summary>The signal that came first, or null.</summary>
    public static PosixSignal? Pending()
    {
        try
        {
            return cortex_early_signal() switch
            {
                15 => PosixSignal.SIGTERM,
                2 => PosixSignal.SIGINT,
                _ => null,
            };
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [LibraryImport("cortex_early_signals")]
    private static partial int cortex_early_signal();
}
