namespace Cortex.Responders.Cli.Images;

/// <summary>What `cortex-responder image` was asked to build.</summary>
/// <param name="Root">The published responders root.</param>
/// <param name="Prefix">The image name prefix, registry/org.</param>
/// <param name="Tag">The image tag, or null for each flavor's version.</param>
/// <param name="BaseImage">The base image.</param>
/// <param name="Archives">The folder to also write each image to as a .tar, or null.</param>
/// <param name="Engine">The image builder, or null for the first installed.</param>
/// <param name="User">The user the responder runs as.</param>
internal sealed record ImageRequest(string Root, string Prefix, string? Tag, string BaseImage, string? Archives, string? Engine, ImageUser User);
