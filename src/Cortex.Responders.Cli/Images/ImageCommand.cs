using System.CommandLine;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Cli.Images;

/// <summary>
/// <c>cortex-responder image &lt;root&gt;</c>: one image per responder folder of a published root, for Cortex's
/// Docker and Kubernetes runners, named as <c>catalog --image-prefix</c> names them.
/// </summary>
internal static class ImageCommand
{
    /// <summary>The default base: the smallest image Microsoft publishes with what a Native AOT responder needs (glibc, OpenSSL, CA certificates).</summary>
    public const string DefaultBase = "mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled";

    public static Command Create(Option<bool> json, TextWriter output, TextWriter error)
    {
        var root = new Argument<string>("root") { Description = "The published responders root (one folder per responder)" };
        var prefix = new Option<string>("--prefix", "--image-prefix") { Description = "Image name prefix, registry/org (the catalog's --image-prefix)", DefaultValueFactory = _ => "cortex-responders" };
        var tag = new Option<string?>("--tag") { Description = "Image tag (default: each flavor's version, as the catalog)" };
        var baseImage = new Option<string>("--base") { Description = "The base image", DefaultValueFactory = _ => DefaultBase };
        var archives = new Option<string?>("--output", "-o") { Description = "Also write each image to <folder>/<name>.tar, for docker load or podman load" };
        var engine = new Option<string?>("--engine") { Description = "The image builder (default: the first installed of podman, buildah, docker)" };
        engine.AcceptOnlyFromAmong([.. ContainerEngine.Known]);
        var user = new Option<string?>("--user") { Description = "UID[:GID] the responder runs as (default 0:0: Cortex's job folders are owner-only and its Docker runner sets no user)" };
        var image = new Command("image", "Build one container image per responder of a published root, for Cortex's Docker and Kubernetes runners")
        {
            root, prefix, tag, baseImage, archives, engine, user,
        };
        image.SetAction((parse, token) => BuildAsync(
            parse.GetValue(root)!,
            parse.GetValue(prefix)!,
            parse.GetValue(tag),
            parse.GetValue(baseImage)!,
            parse.GetValue(archives),
            parse.GetValue(engine),
            parse.GetValue(user),
            parse.GetValue(json),
            output,
            error,
            token));
        return image;
    }

    private static async Task<int> BuildAsync(string root, string prefix, string? tag, string baseImage, string? archives, string? engineName, string? userText, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var user = ImageUser.Root;
        if (userText is not null && !ImageUser.TryParse(userText, out user))
        {
            await error.WriteLineAsync($"cortex-responder image: --user {userText}: give UID or UID:GID as numbers (e.g. 1000 or 1000:1000)");
            return CortexResponderCli.Usage;
        }

        if (string.IsNullOrWhiteSpace(baseImage) || baseImage.Any(char.IsWhiteSpace))
        {
            await error.WriteLineAsync($"cortex-responder image: --base \"{baseImage}\" is not an image name");
            return CortexResponderCli.Usage;
        }

        if (!Directory.Exists(root))
        {
            await error.WriteLineAsync($"cortex-responder image: {root}: no such folder");
            return CortexResponderCli.Usage;
        }

        var images = ImagePlan.Make(root, prefix, tag, out var problems);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await error.WriteLineAsync(problem);
            }

            await error.WriteLineAsync($"cortex-responder image: {problems.Count} error(s) in {root}: no image built");
            return CortexResponderCli.Failed;
        }

        var engine = ContainerEngine.Find(engineName, ContainerEngine.Known, out var missing);
        if (engine is null)
        {
            await error.WriteLineAsync($"cortex-responder image: {missing}");
            return CortexResponderCli.Failed;
        }

        if (archives is not null)
        {
            try
            {
                Directory.CreateDirectory(archives);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"cortex-responder image: cannot create --output {archives}: {exception.Message}");
                return CortexResponderCli.Failed;
            }
        }

        var built = new JArray();
        var failures = 0;
        foreach (var image in images)
        {
            var archive = archives is null ? null : Path.GetFullPath(Path.Combine(archives, image.ArchiveName));
            var failure = await ImageBuilder.BuildAsync(engine, image, baseImage, user, archive, cancellationToken);
            if (failure is not null)
            {
                failures++;
                await error.WriteLineAsync($"cortex-responder image: {failure}");
                continue;
            }

            built.Add(new JObject
            {
                ["folder"] = image.FolderName,
                ["flavors"] = new JArray(image.Flavors),
                ["images"] = new JArray(image.Names),
                ["entryPoint"] = image.EntryPoint,
                ["user"] = user.ToString(),
                ["base"] = baseImage,
                ["archive"] = archive,
            });
            if (!json)
            {
                await output.WriteLineAsync($"{string.Join(", ", image.Names)}: {image.EntryPoint} as {user} on {baseImage}{(archive is null ? string.Empty : $", saved to {archive}")}");
            }
        }

        if (json)
        {
            await output.WriteLineAsync(new JObject { ["engine"] = engine.Name, ["images"] = built, ["failed"] = failures }.ToString(Formatting.Indented));
        }
        else
        {
            await output.WriteLineAsync($"{built.Count} image(s) built with {engine.Name}{(failures > 0 ? $", {failures} failed" : string.Empty)}");
        }

        return failures > 0 ? CortexResponderCli.Failed : CortexResponderCli.Ok;
    }
}
