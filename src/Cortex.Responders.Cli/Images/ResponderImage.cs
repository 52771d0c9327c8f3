namespace Cortex.Responders.Cli.Images;

/// <summary>The image of one responder folder: what goes in it, what runs, and the names the catalog gives it.</summary>
/// <param name="Folder">The responder folder of the published root.</param>
/// <param name="Command">The flavors' command, relative to the root (<c>Mailer/Mailer</c>): the entry point, under /worker.</param>
/// <param name="Names">Every name <c>catalog --image-prefix</c> writes for the folder's flavors (one per distinct tag).</param>
/// <param name="Flavors">The names of the flavors the image serves.</param>
/// <param name="Labels">The OCI labels beyond the title and flavors (<c>org.opencontainers.image.version</c>…), from the flavors and the build.</param>
/// <param name="Platform">The platform of the executable (<see cref="ImagePlatform"/>), or null for a script.</param>
internal sealed record ResponderImage(
    string Folder,
    string Command,
    IReadOnlyList<string> Names,
    IReadOnlyList<string> Flavors,
    IReadOnlyList<KeyValuePair<string, string>>? Labels = null,
    string? Platform = null)
{
    /// <summary>Where the folder goes in the image: /worker is the root, as Cortex-Analyzers' images have it.</summary>
    public const string WorkerDirectory = "/worker";

    public string FolderName => Path.GetFileName(Folder);

    public string EntryPoint => $"{WorkerDirectory}/{Command}";

    /// <summary>The archive's file name: the image's repository name without registry and tag (<c>mailer.tar</c>).</summary>
    public string ArchiveName => RepositoryName + ".tar";

    /// <summary>The Containerfile's name beside the archive (<c>mailer.Containerfile</c>).</summary>
    public string ContainerfileName => RepositoryName + ".Containerfile";

    /// <summary>The Containerfile's name of one platform of a manifest list (<c>mailer.arm64.Containerfile</c>).</summary>
    public string ContainerfileNameFor(string platform) => $"{RepositoryName}.{ImagePlatform.Architecture(platform)}.Containerfile";

    private string RepositoryName
    {
        get
        {
            var name = Names[0];
            var repository = name[..name.LastIndexOf(':')];
            return repository[(repository.LastIndexOf('/') + 1)..];
        }
    }
}
