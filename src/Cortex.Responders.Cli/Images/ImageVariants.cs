namespace Cortex.Responders.Cli.Images;

/// <summary>
/// The roots given to <c>image</c>, one per platform (a root published for linux-x64, another for linux-arm64),
/// paired folder by folder: each responder becomes one image name whose manifest list holds one image per
/// platform. One root gives one image per folder, as before.
/// </summary>
internal static class ImageVariants
{
    /// <summary>The images of every folder, one per root; empty with <paramref name="problems"/> when the roots do not pair.</summary>
    /// <param name="roots">Each root and the images <see cref="ImagePlan.Make"/> gave for it.</param>
    /// <param name="problems">One line per thing that stops the images.</param>
    public static IReadOnlyList<IReadOnlyList<ResponderImage>> Pair(IReadOnlyList<(string Root, IReadOnlyList<ResponderImage> Images)> roots, out List<string> problems)
    {
        problems = [];
        if (roots.Count == 1)
        {
            return roots[0].Images.Select(i => (IReadOnlyList<ResponderImage>)[i]).ToList();
        }

        var first = roots[0];
        foreach (var (root, images) in roots.Skip(1))
        {
            foreach (var missing in first.Images.Select(i => i.FolderName).Except(images.Select(i => i.FolderName), StringComparer.Ordinal))
            {
                problems.Add($"{missing} is in {first.Root} but not in {root}: every root must hold the same workers, published for its platform");
            }

            foreach (var extra in images.Select(i => i.FolderName).Except(first.Images.Select(i => i.FolderName), StringComparer.Ordinal))
            {
                problems.Add($"{extra} is in {root} but not in {first.Root}: every root must hold the same workers, published for its platform");
            }
        }

        var paired = new List<IReadOnlyList<ResponderImage>>();
        foreach (var image in first.Images)
        {
            var variants = roots.Select(r => r.Images.FirstOrDefault(i => i.FolderName == image.FolderName)).OfType<ResponderImage>().ToList();
            if (variants.Count != roots.Count)
            {
                continue;
            }

            foreach (var variant in variants.Where(v => v.Platform is null))
            {
                problems.Add(
                    $"{variant.Folder}: {variant.Command} is no executable of a known platform (not an ELF file): several roots make one image per platform; "
                    + "give one root only, or publish a Native AOT executable in each (dotnet publish -r linux-x64 / -r linux-arm64)");
            }

            foreach (var twice in variants.Where(v => v.Platform is not null).GroupBy(v => v.Platform, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                problems.Add(
                    $"{image.FolderName}: {string.Join(" and ", twice.Select(v => v.Folder))} are all {twice.Key}: "
                    + "give one root per platform (dotnet publish -r linux-x64 into one, -r linux-arm64 into another)");
            }

            foreach (var other in variants.Skip(1).Where(v => !v.Names.SequenceEqual(image.Names, StringComparer.Ordinal)))
            {
                problems.Add(
                    $"{image.FolderName}: its flavors in {other.Folder} make {string.Join(", ", other.Names)}, but {string.Join(", ", image.Names)} in {image.Folder}: "
                    + "publish the same version of the worker into every root");
            }

            paired.Add(variants);
        }

        return problems.Count > 0 ? [] : paired;
    }
}
