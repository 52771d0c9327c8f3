namespace Cortex.Responders.TestSupport;

/// <summary>Paths inside this repository, found from the test's own location.</summary>
public static class Repository
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Cortex.Responders.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Cortex.Responders.sln not found above {AppContext.BaseDirectory}");
    });

    public static string Root => RootPath.Value;

    /// <summary>A sample job input of tests/fixtures/jobs, such as "thehive-case.json".</summary>
    public static string Fixture(string name) => Path.Combine(Root, "tests", "fixtures", "jobs", name);
}
