using Newtonsoft.Json;

namespace Cortex.Responders.Cli.Images;

/// <summary>
/// The Containerfile of a responder image: the base, the responder folder under /worker (the root, Cortex's
/// working directory), the user, and the executable as entry point. No RUN step: nothing runs at build time.
/// Both runners start the entry point as it is: Docker with no argument (the library then reads /job),
/// Kubernetes with the argument /job.
/// </summary>
internal static class Containerfile
{
    public static string Write(ResponderImage image, string baseImage, ImageUser user)
    {
        var source = Quote(image.FolderName + "/");
        var target = Quote($"{ResponderImage.WorkerDirectory}/{image.FolderName}/");
        return $"""
            # Written by cortex-responder image for Cortex's Docker and Kubernetes runners: {string.Join(", ", image.Flavors)}
            FROM {baseImage}
            COPY [{source}, {target}]
            WORKDIR {ResponderImage.WorkerDirectory}
            USER {user}
            LABEL org.opencontainers.image.title={Quote(image.FolderName)} io.thehive-project.cortex.flavors={Quote(string.Join(",", image.Flavors))}
            ENTRYPOINT [{Quote(image.EntryPoint)}]

            """;
    }

    private static string Quote(string text) => JsonConvert.ToString(text);
}
