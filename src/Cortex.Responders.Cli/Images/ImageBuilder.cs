namespace Cortex.Responders.Cli.Images;

/// <summary>
/// Builds a responder image with the engine: a build context holding only the responder folder (the executable
/// with its run bit, the rest readable by any user) and the Containerfile, then the engine's build, then the
/// optional archive.
/// </summary>
internal static class ImageBuilder
{
    private const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private const UnixFileMode Executable = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(15);

    /// <summary>Builds <paramref name="image"/>; returns null when it worked, else one line saying what failed.</summary>
    /// <param name="engine">The image builder.</param>
    /// <param name="image">What to build.</param>
    /// <param name="containerfile">Its Containerfile (<see cref="Containerfile.Write"/>).</param>
    /// <param name="archive">Where to also save the image as a .tar, or null.</param>
    /// <param name="cancellationToken">Stops the build.</param>
    public static async Task<string?> BuildAsync(ContainerEngine engine, ResponderImage image, string containerfile, string? archive, CancellationToken cancellationToken)
    {
        var context = Directory.CreateTempSubdirectory("cortex-image-").FullName;
        try
        {
            await WriteContextAsync(context, image, containerfile, cancellationToken);
            var build = await ToolRun.RunAsync(engine.Path, engine.BuildArguments(context, image.Names, image.Platform), BuildLimit, cancellationToken);
            if (build.ExitCode != 0)
            {
                return $"{engine.Name} could not build {image.Names[0]} (exit {build.ExitCode}): {build.LastLine}";
            }

            if (archive is not null)
            {
                File.Delete(archive);
                var save = await ToolRun.RunAsync(engine.Path, engine.SaveArguments(archive, image.Names), BuildLimit, cancellationToken);
                if (save.ExitCode != 0)
                {
                    return $"{engine.Name} built {image.Names[0]} but could not write {archive} (exit {save.ExitCode}): {save.LastLine}";
                }
            }

            return null;
        }
        catch (TimeoutException exception)
        {
            return exception.Message;
        }
        finally
        {
            Directory.Delete(context, recursive: true);
        }
    }

    /// <summary>
    /// Builds one image per platform of <paramref name="variants"/> into a manifest list named as the image, then
    /// gives the list the image's other names; returns null when it worked, else one line saying what failed.
    /// </summary>
    /// <param name="engine">The image builder (podman or buildah: <see cref="ContainerEngine.CanBuildLists"/>).</param>
    /// <param name="variants">The same worker, one image per platform.</param>
    /// <param name="containerfiles">Each variant's Containerfile.</param>
    /// <param name="archive">Where to also save the list as an OCI archive, or null.</param>
    /// <param name="cancellationToken">Stops the build.</param>
    public static async Task<string?> BuildListAsync(
        ContainerEngine engine, IReadOnlyList<ResponderImage> variants, IReadOnlyList<string> containerfiles, string? archive, CancellationToken cancellationToken)
    {
        var names = variants[0].Names;
        var list = names[0];
        try
        {
            // A list left by an earlier build would keep its images, and a plain image of that name would refuse to become a list.
            foreach (var name in names)
            {
                await ToolRun.RunAsync(engine.Path, ["manifest", "rm", name], BuildLimit, cancellationToken);
                await ToolRun.RunAsync(engine.Path, ["rmi", name], BuildLimit, cancellationToken);
            }

            for (var i = 0; i < variants.Count; i++)
            {
                var context = Directory.CreateTempSubdirectory("cortex-image-").FullName;
                try
                {
                    await WriteContextAsync(context, variants[i], containerfiles[i], cancellationToken);
                    var build = await ToolRun.RunAsync(engine.Path, engine.BuildIntoListArguments(context, list, variants[i].Platform!), BuildLimit, cancellationToken);
                    if (build.ExitCode != 0)
                    {
                        return $"{engine.Name} could not build {list} for {variants[i].Platform} (exit {build.ExitCode}): {build.LastLine}";
                    }
                }
                finally
                {
                    Directory.Delete(context, recursive: true);
                }
            }

            foreach (var name in names.Skip(1))
            {
                var tag = await ToolRun.RunAsync(engine.Path, ["tag", list, name], BuildLimit, cancellationToken);
                if (tag.ExitCode != 0)
                {
                    return $"{engine.Name} built {list} but could not name it {name} (exit {tag.ExitCode}): {tag.LastLine}";
                }
            }

            if (archive is not null)
            {
                File.Delete(archive);
                var save = await ToolRun.RunAsync(engine.Path, ContainerEngine.SaveListArguments(archive, list), BuildLimit, cancellationToken);
                if (save.ExitCode != 0)
                {
                    return $"{engine.Name} built {list} but could not write {archive} (exit {save.ExitCode}): {save.LastLine}";
                }
            }

            return null;
        }
        catch (TimeoutException exception)
        {
            return exception.Message;
        }
    }

    /// <summary>The build context: the worker's folder and the Containerfile, nothing else.</summary>
    private static async Task WriteContextAsync(string context, ResponderImage image, string containerfile, CancellationToken cancellationToken)
    {
        CopyFolder(image.Folder, Path.Combine(context, image.FolderName), Path.GetFullPath(Path.Combine(Path.GetDirectoryName(image.Folder)!, image.Command)));
        await File.WriteAllTextAsync(Path.Combine(context, "Containerfile"), containerfile, cancellationToken);
    }

    /// <summary>
    /// Copies the folder's files (links to files of the folder followed: <see cref="FolderCheck"/> refused every other):
    /// the executable 0755, every other file 0644, folders 0755.
    /// </summary>
    private static void CopyFolder(string source, string target, string executable)
    {
        Directory.CreateDirectory(target);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(target, Readable | Executable);
        }

        foreach (var file in Directory.GetFiles(source))
        {
            var copy = Path.Combine(target, Path.GetFileName(file));
            File.Copy(file, copy);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(copy, Path.GetFullPath(file) == executable ? Readable | Executable : Readable);
            }
        }

        foreach (var folder in Directory.GetDirectories(source))
        {
            CopyFolder(folder, Path.Combine(target, Path.GetFileName(folder)), executable);
        }
    }
}
