using System.Diagnostics;
using System.Text;
using Cortex.Responders.TestSupport;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Cli.Tests.Images;

/// <summary>
/// An image's files (a buildah working container on the vfs test storage) and its configuration, and a run of
/// its entry point the way a container runtime would start it for one of Cortex's runners, where containers
/// themselves cannot start: a mount namespace whose root is the image's files, read-only, with /dev, /proc,
/// /etc/hosts and the job folder mounted as the runner mounts it, then the entry point, with the image's working
/// directory, environment and user. The network is the machine's, so a loopback server is reachable.
/// </summary>
internal sealed class UnpackedImage : IAsyncDisposable
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(60);

    private readonly string container;

    private UnpackedImage(string container, string root, JObject config)
    {
        this.container = container;
        Root = root;
        Config = config;
    }

    /// <summary>The image's files.</summary>
    public string Root { get; }

    /// <summary>The image's OCI configuration (Entrypoint, Cmd, Env, User, WorkingDir, Labels).</summary>
    public JObject Config { get; }

    public IReadOnlyList<string> EntryPoint => Config["Entrypoint"]?.Values<string>().Select(v => v!).ToList() ?? [];

    /// <summary>Opens <paramref name="image"/>, or its <paramref name="platform"/> image when it is a manifest list (<c>linux/arm64</c>).</summary>
    public static async Task<UnpackedImage> OpenAsync(string image, string? platform = null)
    {
        var name = $"cortex-test-{Guid.NewGuid():N}";
        string[] choice = platform is null ? [] : ["--platform", platform];
        await ContainerStorage.RunAsync("buildah", ["from", "--pull-never", .. choice, "--name", name, image]);
        var root = await ContainerStorage.RunAsync("buildah", "mount", name);

        // A manifest list has no configuration of its own: the container's is the chosen platform's image's.
        var inspected = JObject.Parse(platform is null
            ? await ContainerStorage.RunAsync("buildah", "inspect", "--type", "image", image)
            : await ContainerStorage.RunAsync("buildah", "inspect", "--type", "container", name));
        return new UnpackedImage(name, root, (JObject)inspected["OCIv1"]!["config"]!);
    }

    /// <summary>
    /// Runs the entry point on <paramref name="job"/> as the runner does; <paramref name="runAs"/> is a Kubernetes
    /// securityContext's runAsUser:runAsGroup, which replaces the image's user. <paramref name="emulator"/> (a static
    /// qemu-user, as binfmt_misc would hand a foreign executable to it) runs an image of another architecture.
    /// </summary>
    public async Task<CortexRun> RunAsync(CortexJob job, RunnerContract runner, (long Uid, long Gid)? runAs = null, string? emulator = null)
    {
        var (uid, gid) = runAs ?? ImageUser();
        var environment = new Dictionary<string, string>
        {
            // Docker gives PATH when the image has none, HOSTNAME and HOME (from the image's user table, else /).
            ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            ["HOSTNAME"] = "cortex-job",
            ["HOME"] = Home(uid),
        };
        foreach (var pair in Config["Env"]?.Values<string>() ?? [])
        {
            var equals = pair!.IndexOf('=');
            environment[pair[..equals]] = pair[(equals + 1)..];
        }

        var caCertificates = File.Exists(JobFolder.CaCertificatesFile(job.Directory));
        if (caCertificates)
        {
            environment[JobFolder.CaBundleVariable] = "/job/input/cacerts";
        }

        List<string> arguments = [.. EntryPoint, .. Config["Cmd"]?.Values<string>().Select(v => v!) ?? []];
        List<string> runs = [];
        if (emulator is not null)
        {
            // In the image's files, where the runtime's binfmt_misc "F" flag would have kept it open.
            var inImage = "/" + Path.GetFileName(emulator);
            File.Copy(emulator, Root + inImage, overwrite: true);
            runs.Add(inImage);
        }

        string mounts;
        if (runner == RunnerContract.Kubernetes)
        {
            environment[JobFolder.FolderVariable] = Path.GetFileName(job.Directory);
            arguments = [.. EntryPoint, "/job"];
            Directory.CreateDirectory(Path.Combine(Root, "job", JobFolder.InputFolder));
            Directory.CreateDirectory(Path.Combine(Root, "job", JobFolder.OutputFolder));
            mounts = """
                mount --bind "$JOB/input" "$ROOT/job/input"
                mount -o remount,bind,ro "$ROOT/job/input"
                mount --bind "$JOB/output" "$ROOT/job/output"
                """;
        }
        else
        {
            if (!caCertificates)
            {
                environment["JAVA_TOOL_OPTIONS"] = "-Dfile.encoding=UTF8";
            }

            Directory.CreateDirectory(Path.Combine(Root, "job"));
            mounts = """mount --bind "$JOB" "$ROOT/job" """;
        }

        Directory.CreateDirectory(Path.Combine(Root, "dev"));
        Directory.CreateDirectory(Path.Combine(Root, "proc"));

        // The image's files are mounted read-only: whatever the responder writes outside the job's mounts fails.
        var script = $"""
            set -e
            mount --bind "$ROOT" "$ROOT"
            mount -t tmpfs -o mode=755,size=1m cortex-dev "$ROOT/dev"
            for device in null zero random urandom; do touch "$ROOT/dev/$device"; mount --bind "/dev/$device" "$ROOT/dev/$device"; done
            mount -t proc proc "$ROOT/proc"
            touch "$ROOT/etc/hosts"
            mount --bind "$HOSTS" "$ROOT/etc/hosts"
            {mounts}
            mount -o remount,bind,ro "$ROOT"
            exec unshare --root="$ROOT" --wd="$WORKDIR" --setgid "$GID" --setuid "$UID_" -- "$@"
            """;
        var start = new ProcessStartInfo("/usr/bin/unshare")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--mount", "--propagation", "private", "/bin/sh", "-c", script, "sh", .. runs, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        // The script's own variables are the host side; the responder gets the container's environment only.
        start.Environment.Clear();
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        // Docker and Kubernetes give a container its /etc/hosts, with localhost.
        using var hosts = new TemporaryDirectory();
        await File.WriteAllTextAsync(Path.Combine(hosts.Path, "hosts"), "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n");
        start.Environment["HOSTS"] = Path.Combine(hosts.Path, "hosts");
        start.Environment["ROOT"] = Root;
        start.Environment["JOB"] = job.Directory;
        start.Environment["WORKDIR"] = (string?)Config["WorkingDir"] is { Length: > 0 } workingDirectory ? workingDirectory : "/";
        start.Environment["UID_"] = uid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["GID"] = gid.ToString(System.Globalization.CultureInfo.InvariantCulture);

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var stopwatch = Stopwatch.StartNew();
        using (var limit = new CancellationTokenSource(RunLimit))
        {
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{string.Join(' ', arguments)} did not end within {RunLimit.TotalSeconds} s (killed)");
            }
        }

        var outputBytes = File.Exists(job.OutputFile) ? await File.ReadAllBytesAsync(job.OutputFile) : [];
        return new CortexRun(process.ExitCode, Encoding.UTF8.GetBytes(await output), await error, outputBytes, CortexJob.ReadJson(Encoding.UTF8.GetString(outputBytes)), false, stopwatch.Elapsed);
    }

    public async ValueTask DisposeAsync()
    {
        await ContainerStorage.RunAsync("buildah", "umount", container);
        await ContainerStorage.RunAsync("buildah", "rm", container);
    }

    /// <summary>The image's USER as a runtime reads it: uid[:gid], a missing group being the user's in the image's table, else 0.</summary>
    private (long Uid, long Gid) ImageUser()
    {
        var user = (string?)Config["User"] ?? string.Empty;
        if (user.Length == 0)
        {
            return (0, 0);
        }

        var parts = user.Split(':');
        var uid = long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        if (parts.Length > 1)
        {
            return (uid, long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }

        var entry = PasswdEntry(uid);
        return (uid, entry is null ? 0 : long.Parse(entry[3], System.Globalization.CultureInfo.InvariantCulture));
    }

    private string Home(long uid) => PasswdEntry(uid)?[5] ?? "/";

    private string[]? PasswdEntry(long uid)
    {
        var passwd = Path.Combine(Root, "etc", "passwd");
        return File.Exists(passwd)
            ? File.ReadAllLines(passwd).Select(l => l.Split(':')).FirstOrDefault(f => f.Length >= 7 && f[2] == uid.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : null;
    }
}
