namespace Cortex.Responders.Cli.Images;

/// <summary>What `cortex-responder image` was asked to build.</summary>
/// <param name="Roots">The published responders roots: one, or one per platform (<see cref="ImageVariants"/>).</param>
/// <param name="Prefix">The image name prefix, registry/org.</param>
/// <param name="Tags">The image tags (each image gets every one), or empty for each flavor's version.</param>
/// <param name="Bases">The base images: a name for every platform, and <c>platform=name</c> for one (<see cref="BaseFor"/>).</param>
/// <param name="Archives">The folder to also write each image to as a .tar (and its Containerfile beside it), or null.</param>
/// <param name="Engine">The image builder, or null for the first installed.</param>
/// <param name="User">The user the responder runs as.</param>
/// <param name="Source">The <c>org.opencontainers.image.source</c> label, or null.</param>
/// <param name="Revision">The <c>org.opencontainers.image.revision</c> label, or null.</param>
/// <param name="DryRun">Print the Containerfiles (and write them to <paramref name="Archives"/>), build nothing.</param>
internal sealed record ImageRequest(
    IReadOnlyList<string> Roots,
    string Prefix,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Bases,
    string? Archives,
    string? Engine,
    ImageUser User,
    string? Source = null,
    string? Revision = null,
    bool DryRun = false)
{
    /// <summary>The base of <paramref name="platform"/>: its own <c>--base linux/arm64=…</c>, else the plain <c>--base</c>, else the default.</summary>
    public string BaseFor(string? platform)
    {
        var own = platform is null ? null : Bases.LastOrDefault(b => b.StartsWith(platform + "=", StringComparison.Ordinal));
        return own is not null ? own[(platform!.Length + 1)..] : Bases.LastOrDefault(b => !IsPlatformBase(b)) ?? ImageVerb.DefaultBase;
    }

    /// <summary><c>linux/arm64=name</c>: a base for one platform (an image name has no '=').</summary>
    public static bool IsPlatformBase(string value) => value.Contains('=', StringComparison.Ordinal);
}
