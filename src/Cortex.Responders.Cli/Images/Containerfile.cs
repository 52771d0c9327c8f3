using Newtonsoft.Json;

namespace Cortex.Responders.Cli.Images;

/// <summary>
/// The Containerfile of a responder image: the base, the responder folder under /worker (the root, Cortex's
/// working directory), the user, the OCI labels, and the executable as entry point. No RUN step: nothing runs
/// at build time. Both runners start the entry point as it is: Docker with no argument (the library then reads
/// /job), Kubernetes with the argument /job. Every text from a flavor or a folder name is JSON-quoted, which
/// escapes line breaks: nothing can start an instruction of its own.
/// </summary>
internal static class Containerfile
{
    public static string Write(ResponderImage image, string baseImage, ImageUser user)
    {
        if (baseImage.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            throw new ArgumentException($"the base image {JsonConvert.ToString(baseImage)} is not an image name", nameof(baseImage));
        }

        var source = Quote(image.FolderName + "/");
        var target = Quote($"{ResponderImage.WorkerDirectory}/{image.FolderName}/");
        var labels = new List<KeyValuePair<string, string>>
        {
            new("org.opencontainers.image.title", image.FolderName),
            new("io.thehive-project.cortex.flavors", string.Join(",", image.Flavors)),
        };
        labels.AddRange(image.Labels ?? []);
        return $"""
            # Written by cortex-responder image for Cortex's Docker and Kubernetes runners: {Quote(string.Join(", ", image.Flavors))}
            FROM {baseImage}
            COPY [{source}, {target}]
            WORKDIR {ResponderImage.WorkerDirectory}
            USER {user}
            LABEL {string.Join(" ", labels.Select(l => $"{l.Key}={Quote(l.Value)}"))}
            ENTRYPOINT [{Quote(image.EntryPoint)}]

            """;
    }

    private static string Quote(string text) => JsonConvert.ToString(text);
}
