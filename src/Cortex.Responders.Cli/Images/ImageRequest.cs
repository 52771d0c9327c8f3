namespace Cortex.Responders.Cli.Images;

/// <summary>What `cortex-responder image` was asked to build.</summary>
/// <param name="Root">The published responders root.</param>
/// <param name="Prefix">The image name prefix, registry/org.</param>
/// <param name="Tags">The image tags (each image gets every one), or empty for each flavor's version.</param>
/// <param name="BaseImage">The base image.</param>
/// <param name="Archives">The folder to also write each image to as a .tar (and its Containerfile beside it), or null.</param>
/// <param name="Engine">The image builder, or null for the first installed.</param>
/// <param name="User">The user the responder runs as.</param>
/// <param name="Source">The <c>org.opencontainers.image.source</c> label, or null.</param>
/// <param name="Revision">The <c>org.opencontainers.image.revision</c> label, or null.</param>
/// <param name="DryRun">Print the Containerfiles (and write them to <paramref name="Archives"/>), build nothing.</param>
internal sealed record ImageRequest(
    string Root,
    string Prefix,
    IReadOnlyList<string> Tags,
    string BaseImage,
    string? Archives,
    string? Engine,
    ImageUser User,
    string? Source = null,
    string? Revision = null,
    bool DryRun = false);
