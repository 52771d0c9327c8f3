namespace Cortex.Responders.Cli.Definitions;

/// <summary>
/// Finds the *.json files Cortex would read from what the user names: a flavor file, a responder folder
/// (its *.json files), or a responders root (the *.json files of each sub-folder), as Cortex's folder walk does.
/// </summary>
internal static class FlavorDiscovery
{
    /// <summary>The files found; <paramref name="problems"/> names what does not exist, <paramref name="ignored"/> the JSON files of a root, which Cortex never reads.</summary>
    public static IReadOnlyList<FlavorFile> Find(IEnumerable<string> paths, out List<string> problems, out List<string> ignored)
    {
        problems = [];
        ignored = [];
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
                // Cortex reads the *.json files of each sub-folder of a root, never the root's own files. A folder
                // with *.json files and no sub-folder holding any is taken as one responder folder.
                var folders = Directory.GetDirectories(path).Order(StringComparer.Ordinal).Where(f => Directory.EnumerateFiles(f, "*.json").Any()).ToList();
                var own = Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal).ToList();
                if (folders.Count == 0)
                {
                    files.AddRange(own.Select(f => FlavorFile.Read(f, RootOf(path))));
                }
                else
                {
                    ignored.AddRange(own);
                    foreach (var folder in folders)
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

    /// <summary>The responders root of a responder folder: its parent, against which Cortex resolves commands.</summary>
    public static string RootOf(string folder) => Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(folder)) ?? folder;
}
