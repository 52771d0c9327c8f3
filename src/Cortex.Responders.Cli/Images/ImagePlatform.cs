namespace Cortex.Responders.Cli.Images;

/// <summary>
/// The platform an image is for (<c>linux/amd64</c>, <c>linux/arm64</c>), as the engines' <c>--platform</c> and
/// a manifest list name it, read from the ELF header of the worker's executable: a root published with
/// <c>-r linux-arm64</c> makes arm64 images. A script (no ELF header) runs anywhere its interpreter does.
/// </summary>
internal static class ImagePlatform
{
    private static readonly Dictionary<ushort, string> Machines = new()
    {
        [62] = "linux/amd64",
        [183] = "linux/arm64",
        [40] = "linux/arm",
        [243] = "linux/riscv64",
        [21] = "linux/ppc64le",
        [22] = "linux/s390x",
    };

    /// <summary>The platform of <paramref name="executable"/>, or null when it is no ELF file of a known machine.</summary>
    public static string? Of(string executable)
    {
        Span<byte> header = stackalloc byte[20];
        try
        {
            using var file = File.OpenRead(executable);
            if (file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
            {
                return null;
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "\x7fELF", then EI_DATA at 5 (1: little-endian), e_machine at 18.
        if (header[0] != 0x7f || header[1] != (byte)'E' || header[2] != (byte)'L' || header[3] != (byte)'F')
        {
            return null;
        }

        var machine = header[5] == 1 ? (ushort)(header[18] | (header[19] << 8)) : (ushort)((header[18] << 8) | header[19]);
        return Machines.GetValueOrDefault(machine);
    }

    /// <summary>The architecture part (<c>arm64</c>), for archive names and messages.</summary>
    public static string Architecture(string platform) => platform[(platform.IndexOf('/') + 1)..];
}
