namespace Cortex.Responders.Cli.Images;

/// <summary>
/// The image builder the command drives: docker, podman or buildah, each on the Containerfile the command
/// writes. The Containerfile has no RUN step, so a build never starts a container: it works where containers
/// cannot run (unprivileged CI, a sandbox) and with any of the three.
/// </summary>
internal sealed record ContainerEngine(string Name, string Path)
{
    /// <summary>The engines <c>--engine</c> accepts; without it the first one installed, in this order.</summary>
    public static readonly IReadOnlyList<string> Known = ["podman", "buildah", "docker"];

    /// <summary>Podman and Docker start containers; buildah only builds.</summary>
    public bool CanRun => Name != "buildah";

    /// <summary>Podman and buildah add each platform's image to a manifest list as they build it (<c>--manifest</c>); Docker needs buildx for that.</summary>
    public bool CanBuildLists => Name != "docker";

    /// <summary>Finds <paramref name="requested"/> (or the first known engine) on PATH; null with <paramref name="problem"/> when none is there.</summary>
    public static ContainerEngine? Find(string? requested, IReadOnlyList<string> candidates, out string problem)
    {
        problem = string.Empty;
        foreach (var name in requested is null ? candidates : [requested])
        {
            if (OnPath(name) is { } path)
            {
                return new ContainerEngine(name, path);
            }
        }

        problem = requested is null
            ? $"no container engine found on PATH (looked for {string.Join(", ", candidates)}): install one, e.g. apt-get install {candidates[0]}"
            : $"{requested} is not installed (not found on PATH)";
        return null;
    }

    /// <summary>Builds the context's Containerfile for <paramref name="platform"/> (null: the engine's own), tagged with <paramref name="names"/>.</summary>
    public IEnumerable<string> BuildArguments(string context, IEnumerable<string> names, string? platform) =>
        Build(context, platform, names.SelectMany(name => new[] { "--tag", name }));

    /// <summary>Builds the context for <paramref name="platform"/> and adds the image to the manifest list <paramref name="list"/> (made if missing).</summary>
    public IEnumerable<string> BuildIntoListArguments(string context, string list, string platform) => Build(context, platform, ["--manifest", list]);

    /// <summary>Writes the list <paramref name="list"/> with every platform's image as one OCI archive.</summary>
    public static IEnumerable<string> SaveListArguments(string archive, string list) => ["manifest", "push", "--all", list, $"oci-archive:{archive}"];

    private IEnumerable<string> Build(string context, string? platform, IEnumerable<string> naming)
    {
        yield return Name == "buildah" ? "bud" : "build";
        yield return "--file";
        yield return System.IO.Path.Combine(context, "Containerfile");
        if (platform is not null)
        {
            yield return "--platform";
            yield return platform;
        }

        foreach (var argument in naming)
        {
            yield return argument;
        }

        yield return context;
    }

    /// <summary>Writes <paramref name="names"/> as one archive that <c>docker load</c> and <c>podman load</c> read (Docker's own save format).</summary>
    public IEnumerable<string> SaveArguments(string archive, IReadOnlyList<string> names) => Name switch
    {
        // buildah's docker-archive transport takes one reference: the archive carries the first name.
        "buildah" => ["push", names[0], $"docker-archive:{archive}:{names[0]}"],
        "podman" => ["save", "--format", "docker-archive", "--output", archive, .. names],
        _ => ["save", "--output", archive, .. names],
    };

    private static string? OnPath(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = System.IO.Path.Combine(directory, name);
            const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            if (File.Exists(candidate) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(candidate) & anyExecute) != 0))
            {
                return candidate;
            }
        }

        return null;
    }
}
