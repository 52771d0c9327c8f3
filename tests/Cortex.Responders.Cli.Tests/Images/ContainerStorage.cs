using Cortex.Responders.Cli.Images;
using Cortex.Responders.TestSupport;
using NUnit.Framework;

namespace Cortex.Responders.Cli.Tests.Images;

/// <summary>
/// The image tests' own container storage under artifacts/images (driver vfs: plain folders, no overlay mount,
/// so an image's files can be read and a test run never touches the machine's images), and what the tests
/// need from the machine: root (mount namespaces), buildah, podman, mmdebstrap, unshare.
/// </summary>
internal static class ContainerStorage
{
    public static string Folder { get; } = Path.Combine(Repository.Root, "artifacts", "images");

    /// <summary>Points every engine this process starts at the test storage, or ignores the test with the reason the machine cannot run it.</summary>
    public static void Require()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            Assert.Ignore("the image tests need Linux and root: they mount an image's files in a mount namespace, as a container runtime does (.ci/run runs as root)");
        }

        foreach (var tool in new[] { "buildah", "podman", "mmdebstrap", "unshare" })
        {
            if (ContainerEngine.Find(tool, [tool], out _) is null)
            {
                Assert.Ignore($"{tool} is not installed: .ci/run installs it (apt-get install buildah podman mmdebstrap util-linux)");
            }
        }

        Directory.CreateDirectory(Folder);
        var configuration = Path.Combine(Folder, "storage.conf");
        File.WriteAllText(configuration, $"""
            [storage]
            driver = "vfs"
            graphroot = "{Path.Combine(Folder, "storage")}"
            runroot = "{Path.Combine(Folder, "run")}"

            """);
        Environment.SetEnvironmentVariable("CONTAINERS_STORAGE_CONF", configuration);
    }

    /// <summary>Runs buildah or podman on the test storage; throws with its message when it fails.</summary>
    public static async Task<string> RunAsync(string tool, params string[] arguments)
    {
        var run = await ToolRun.RunAsync(ContainerEngine.Find(tool, [tool], out _)!.Path, arguments, TimeSpan.FromMinutes(5), CancellationToken.None);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed (exit {run.ExitCode}): {run.Error}{run.Output}");
        }

        return run.Output.Trim();
    }
}
