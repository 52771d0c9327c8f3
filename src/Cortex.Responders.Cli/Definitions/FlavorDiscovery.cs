namespace Cortex.Responders.Cli.Definitions;

/// <summary>
/// Finds the *.json files Cortex would read from what the user names: a flavor file, a responder folder
/// (its *.json files), or a responders root (the *.json files of each sub-folder), as Cortex's folder walk does.
/// </summary>
internal static class FlavorDiscovery
{
    public static IReadOnlyList<FlavorFile> Find(IEnumerable<string> paths, out List<string> problems)
    {
        problems = [];
        var files = new List<FlavorFile>();
        foreach (var given in paths)
        {
            var path = Path.GetFullPath(given);
            if (File.Exists(path))
            {
                files.Add(FlavorFile.Read(path, RootOf(Path.GetDirectoryName(path)!)));
            }
            else if (Directory.Exists(path))
            {
                var own = Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal).ToList();
                if (own.Count > 0)
                {
                    files.AddRange(own.Select(f => FlavorFile.Read(f, RootOf(path))));
                }
                else
                {
                    foreach (var folder in Directory.GetDirectories(path).Order(StringComparer.Ordinal))
                    {
                        files.AddRange(Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(f => FlavorFile.Read(f, path)));
                    }
                }
            }
            else
            {
                problems.Add($"{given}: no such file or folder");
            }
        }

        return files.DistinctBy(f => f.Path).ToList();
    }

    private static string RootOf(string folder) => Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(folder)) ?? folder;
}
