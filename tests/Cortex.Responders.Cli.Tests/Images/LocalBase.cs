using System.Security.Cryptography;
using System.Text;
using Cortex.Responders.Cli.Images;
using NUnit.Framework;

namespace Cortex.Responders.Cli.Tests.Images;

/// <summary>
/// A small local base made with mmdebstrap from Debian's mirror (no registry is needed): glibc, OpenSSL and the
/// CA certificates a Native AOT responder needs, like the chiseled runtime-deps default. Made once per test run
/// and kept under artifacts/images, keyed by its recipe and rebuilt after a week (a stale cache is rebuilt).
/// </summary>
internal static class LocalBase
{
    private const string Suite = "bookworm";

    /// <summary>What mmdebstrap does: extract (no maintainer script runs, no shell needed) the packages, then
    /// assemble the CA bundle as update-ca-certificates would, drop the documentation, and write a user table with root and nobody.</summary>
    private static readonly string[] Recipe =
    [
        "--variant=extract",
        "--include=libc6,libssl3,ca-certificates",
        "--extract-hook=cat \"$1\"/usr/share/ca-certificates/*/*.crt > \"$1\"/etc/ssl/certs/ca-certificates.crt"
            + " && rm -rf \"$1\"/usr/share/doc \"$1\"/usr/share/man \"$1\"/usr/share/locale \"$1\"/usr/share/lintian"
            + " && printf 'root:x:0:0:root:/root:/sbin/nologin\\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\\n' > \"$1\"/etc/passwd"
            + " && printf 'root:x:0:\\nnogroup:x:65534:\\n' > \"$1\"/etc/group",
        Suite,
    ];

    private static readonly TimeSpan MaxAge = TimeSpan.FromDays(7);

    private static readonly SemaphoreSlim Gate = new(1, 1);

    private static readonly Dictionary<string, string> Images = [];

    /// <summary>
    /// The base image of <paramref name="architecture"/> (Debian's name: amd64, arm64) in the test storage, made or
    /// imported when missing; ignores the test when mmdebstrap cannot reach Debian's mirror. The extract variant runs
    /// nothing of the packages, so a foreign architecture's base needs no emulator.
    /// </summary>
    public static async Task<string> GetAsync(string architecture = "amd64")
    {
        await Gate.WaitAsync();
        try
        {
            if (Images.TryGetValue(architecture, out var image))
            {
                return image;
            }

            string[] recipe = [$"--arch={architecture}", .. Recipe];
            var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", architecture == "amd64" ? Recipe : recipe))))[..16];
            var name = $"localhost/cortex-responders-test-base:{key}";
            var archive = Path.Combine(ContainerStorage.Folder, $"base-{key}.tar");
            var partial = Path.Combine(ContainerStorage.Folder, $"base-{key}.partial.tar");   // mmdebstrap picks the format from the extension
            var fresh = File.Exists(archive) && DateTime.UtcNow - File.GetLastWriteTimeUtc(archive) < MaxAge;
            if (!fresh)
            {
                var made = await ToolRun.RunAsync("mmdebstrap", [.. recipe, partial], TimeSpan.FromMinutes(10), CancellationToken.None);
                if (made.ExitCode != 0)
                {
                    File.Delete(partial);
                    Assert.Ignore($"mmdebstrap could not make the local base from Debian's mirror (exit {made.ExitCode}): {made.LastLine}");
                }

                File.Move(partial, archive, overwrite: true);
            }

            var present = await ToolRun.RunAsync("podman", ["image", "exists", name], TimeSpan.FromMinutes(1), CancellationToken.None);
            if (!fresh || present.ExitCode != 0)
            {
                await ContainerStorage.RunAsync("podman", "import", "--arch", architecture, archive, name);
            }

            Images[architecture] = name;
            return name;
        }
        finally
        {
            Gate.Release();
        }
    }
}
