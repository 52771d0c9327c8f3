using Cortex.Responders;
using System.Globalization;

namespace Cortex.Workers.Responders.Jupyter.Tests.Local;

/// <summary>A kernel process of the host, known by the PID its cell wrote: is it still there?</summary>
internal static class KernelProcess
{
    private static readonly TimeSpan GoneLimit = TimeSpan.FromSeconds(30);

    /// <summary>Python that writes the kernel's PID into <paramref name="file"/> (whole, by a rename).</summary>
    public static string WritePid(string file) =>
        $"import os\nwith open({Py(file + ".tmp")}, 'w') as f:\n    f.write(str(os.getpid()))\nos.rename({Py(file + ".tmp")}, {Py(file)})";

    /// <summary>Whether <paramref name="pid"/> is a live process (a zombie waiting for its parent counts as gone).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }

    /// <summary>Waits until <paramref name="pid"/> is gone; false if it is still there after a generous bound.</summary>
    public static async Task<bool> GoneAsync(int pid)
    {
        var deadline = DateTime.UtcNow + GoneLimit;
        while (IsAlive(pid))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    /// <summary>Waits for <paramref name="file"/> to appear and reads the PID in it.</summary>
    public static async Task<int> ReadPidAsync(string file, Func<bool> stillRunning)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!File.Exists(file))
        {
            if (DateTime.UtcNow > deadline || !stillRunning())
            {
                throw new TimeoutException($"the cell never wrote {file}");
            }

            await Task.Delay(50);
        }

        return int.Parse(File.ReadAllText(file), CultureInfo.InvariantCulture);
    }

    private static string Py(string text) => Newtonsoft.Json.JsonConvert.ToString(text);
}
