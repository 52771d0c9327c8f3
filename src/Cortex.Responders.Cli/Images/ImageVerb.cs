using System.CommandLine;
using Cortex.Responders.Cli.Validation;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Cli.Images;

/// <summary>
/// `cortex-responder image &lt;root&gt;`: one image per responder folder of a published root (<see cref="ImagePlan"/>),
/// for Cortex's Docker and Kubernetes runners, named as <c>catalog --image-prefix</c> names them, built by
/// <see cref="ImageBuilder"/>.
/// </summary>
internal static class ImageVerb
{
    /// <summary>The default base: the smallest image Microsoft publishes with what a Native AOT responder needs (glibc, OpenSSL, CA certificates).</summary>
    public const string DefaultBase = "mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled";

    public static Command Create(Option<bool> json)
    {
        var roots = new Argument<string[]>("root")
        {
            Description = "The published responders root (one folder per worker); several roots, one per platform (published with -r linux-x64, "
                + "-r linux-arm64…), make one manifest list per image",
            Arity = ArgumentArity.OneOrMore,
        }.ExistingFolders();
        var prefix = new Option<string>("--image-prefix", "--prefix")
        {
            HelpName = "registry/org",
            Description = "Image name prefix, registry/org (as catalog's --image-prefix)",
            DefaultValueFactory = _ => "cortex-responders",
        };
        var tags = new Option<string[]>("--tag")
        {
            HelpName = "tag",
            Description = "Image tag, may be given several times (1.0, 1, devel: each image gets every tag; default: each flavor's version, as the catalog)",
        };
        var source = new Option<string?>("--source") { HelpName = "url", Description = "The org.opencontainers.image.source label: the repository's URL" };
        var revision = new Option<string?>("--revision") { HelpName = "commit", Description = "The org.opencontainers.image.revision label: the commit built" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print each image's Containerfile (and write it to --output), build nothing" };
        var bases = new Option<string[]>("--base")
        {
            HelpName = "image|platform=image",
            Description = $"The base image (default {DefaultBase}, for every platform); platform=image (linux/arm64=…) sets one platform's",
        }.ImageBases();
        var archives = new Option<string?>("--output", "-o")
        {
            HelpName = "folder",
            Description = "Also write each image to <folder>/<name>.tar, for docker load or podman load (several platforms: an OCI archive of the list)",
        };
        var engine = new Option<string?>("--engine") { Description = "The image builder (default: the first installed of podman, buildah, docker)" };
        engine.AcceptOnlyFromAmong([.. ContainerEngine.Known]);
        var user = new Option<ImageUser?>("--user")
        {
            HelpName = "UID[:GID]",
            Description = "UID[:GID] the responder runs as (default 0:0: Cortex's job folders are owner-only and its Docker runner sets no user)",
        }.UserIds();
        var verb = new Command("image", "Build one container image per responder of a published root, for Cortex's Docker and Kubernetes runners")
        {
            roots, prefix, tags, bases, archives, engine, user, source, revision, dryRun,
        };
        verb.SetAction((parse, token) => BuildAsync(
            new ImageRequest(
                parse.GetValue(roots)!,
                parse.GetValue(prefix)!,
                parse.GetValue(tags) ?? [],
                parse.GetValue(bases) ?? [],
                parse.GetValue(archives),
                parse.GetValue(engine),
                parse.GetValue(user) ?? ImageUser.Root,
                parse.GetValue(source),
                parse.GetValue(revision),
                parse.GetValue(dryRun)),
            parse.GetValue(json),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error,
            token));
        return verb;
    }

    private static async Task<int> BuildAsync(ImageRequest request, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var planned = new List<(string Root, IReadOnlyList<ResponderImage> Images)>();
        foreach (var root in request.Roots)
        {
            planned.Add((root, ImagePlan.Make(root, request.Prefix, request.Tags, request.Source, request.Revision, out var found)));
            problems.AddRange(found);
        }

        var images = problems.Count > 0 ? [] : ImageVariants.Pair(planned, out problems);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await error.WriteLineAsync(Printable.Escape(problem));
            }

            await error.WriteLineAsync($"cortex-responder image: {problems.Count} error(s) in {string.Join(", ", request.Roots)}: no image built");
            return ExitCodes.Failed;
        }

        string? missing = null;
        var engine = request.DryRun ? null : ContainerEngine.Find(request.Engine, ContainerEngine.Known, out missing);
        if (engine is null && !request.DryRun)
        {
            await error.WriteLineAsync($"cortex-responder image: {missing}");
            return ExitCodes.Failed;
        }

        if (engine is { CanBuildLists: false } && request.Roots.Count > 1)
        {
            await error.WriteLineAsync(
                $"cortex-responder image: {engine.Name} builds one platform per image here: several roots need podman or buildah, which assemble the manifest list");
            return ExitCodes.Failed;
        }

        if (request.Archives is { } archives)
        {
            try
            {
                Directory.CreateDirectory(archives);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"cortex-responder image: cannot create --output {archives}: {exception.Message}");
                return ExitCodes.Failed;
            }
        }

        var built = new JArray();
        var failures = 0;
        foreach (var variants in images)
        {
            var image = variants[0];
            var archive = request.Archives is null ? null : Path.GetFullPath(Path.Combine(request.Archives, image.ArchiveName));
            var containerfiles = new List<string>();
            foreach (var variant in variants)
            {
                var containerfile = Containerfile.Write(variant, request.BaseFor(variant.Platform), request.User);
                containerfiles.Add(containerfile);
                var name = variants.Count == 1 ? image.ContainerfileName : variant.ContainerfileNameFor(variant.Platform!);
                if (request.Archives is not null)
                {
                    await File.WriteAllTextAsync(Path.Combine(request.Archives, name), containerfile, cancellationToken);
                }

                if (engine is null)
                {
                    var platform = variants.Count == 1 ? string.Empty : $" ({variant.Platform})";
                    await output.WriteLineAsync($"# {string.Join(", ", image.Names)}{platform}\n{containerfile}");
                }
            }

            if (engine is null)
            {
                continue;
            }

            var failure = variants.Count == 1
                ? await ImageBuilder.BuildAsync(engine, image, containerfiles[0], archive, cancellationToken)
                : await ImageBuilder.BuildListAsync(engine, variants, containerfiles, archive, cancellationToken);
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
                ["user"] = request.User.ToString(),
                ["base"] = request.BaseFor(image.Platform),
                ["platforms"] = new JArray(variants.Select(v => new JObject { ["platform"] = v.Platform, ["base"] = request.BaseFor(v.Platform) })),
                ["archive"] = archive,
            });
            if (!json)
            {
                var saved = archive is null ? string.Empty : $", saved to {archive}";
                var on = string.Join(", ", variants.Select(v => variants.Count == 1 ? request.BaseFor(v.Platform) : $"{request.BaseFor(v.Platform)} ({v.Platform})"));
                await output.WriteLineAsync($"{string.Join(", ", image.Names)}: {image.EntryPoint} as {request.User} on {on}{saved}");
            }
        }

        if (engine is null)
        {
            var written = request.Archives is null ? string.Empty : $" written to {Path.GetFullPath(request.Archives)}";
            await output.WriteLineAsync($"{images.Count} Containerfile(s){written}, no image built (--dry-run)");
            return ExitCodes.Ok;
        }

        if (json)
        {
            await output.WriteLineAsync(new JObject { ["engine"] = engine.Name, ["images"] = built, ["failed"] = failures }.ToString(Formatting.Indented));
        }
        else
        {
            await output.WriteLineAsync($"{built.Count} image(s) built with {engine.Name}{(failures > 0 ? $", {failures} failed" : string.Empty)}");
        }

        return failures > 0 ? ExitCodes.Failed : ExitCodes.Ok;
    }
}
