using Cortex.Responders.TestSupport;

namespace Cortex.Responders.Templates.Tests;

/// <summary>
/// Every package packed by the README's one command into a fresh local feed, and the template pack installed
/// into an isolated template hive, once per test run.
/// </summary>
internal static class TemplatePack
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Environment? ready;

    /// <summary>Where things are, and the environment every command of a test uses.</summary>
    public sealed record Environment(string Work, string Feed, string Hive, string Packages, IReadOnlyDictionary<string, string> Variables);

    public static async Task<Environment> ReadyAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (ready is not null)
            {
                return ready;
            }

            var work = Directory.CreateTempSubdirectory("cortex-template-").FullName;
            var feed = Path.Combine(work, "feed");
            var hive = Path.Combine(work, "hive");
            var variables = new Dictionary<string, string>
            {
                ["DOTNET_CLI_HOME"] = Path.Combine(work, "home"),
                ["DOTNET_NOLOGO"] = "1",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
                ["NUGET_PACKAGES"] = Path.Combine(work, "packages"),
            };

            // The user's NuGet sources (nuget.org) stay reachable through the copied user configuration.
            var userConfig = Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "NuGet", "NuGet.Config");
            if (File.Exists(userConfig))
            {
                var target = Path.Combine(work, "home", ".nuget", "NuGet");
                Directory.CreateDirectory(target);
                File.Copy(userConfig, Path.Combine(target, "NuGet.Config"));
            }

            await using (await BuildLock.AcquireAsync())
            {
                var (packed, packOutput) = await Dotnet.RunAsync(Repository.Root, new Dictionary<string, string>(), "dotnet", "pack", "Cortex.Responders.sln", "-c", "Release", "-o", feed, "-nologo");
                if (packed != 0)
                {
                    throw new InvalidOperationException($"dotnet pack failed:\n{packOutput}");
                }
            }

            var (installed, installOutput) = await Dotnet.RunAsync(work, variables, "dotnet", "new", "install", Path.Combine(feed, $"Cortex.Responders.Templates.{Version}.nupkg"), "--debug:custom-hive", hive);
            if (installed != 0)
            {
                throw new InvalidOperationException($"dotnet new install failed:\n{installOutput}");
            }

            return ready = new Environment(work, feed, hive, variables["NUGET_PACKAGES"], variables);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The version of every package, from Directory.Build.props.</summary>
    public static string Version { get; } = System.Xml.Linq.XDocument.Load(Path.Combine(Repository.Root, "Directory.Build.props"))
        .Descendants("Version").Single().Value;

    /// <summary>`dotnet new cortex-responder` with <paramref name="options"/> in a fresh folder; returns the folder the template wrote.</summary>
    public static Task<(int ExitCode, string Output, string Folder)> NewAsync(string name, params string[] options) =>
        NewFromAsync("cortex-responder", name, options);

    /// <summary>`dotnet new cortex-analyzer` with <paramref name="options"/> in a fresh folder; returns the folder the template wrote.</summary>
    public static Task<(int ExitCode, string Output, string Folder)> NewAnalyzerAsync(string name, params string[] options) =>
        NewFromAsync("cortex-analyzer", name, options);

    /// <summary>`dotnet new <paramref name="template"/>` with <paramref name="options"/> in a fresh folder; returns the folder the template wrote.</summary>
    public static async Task<(int ExitCode, string Output, string Folder)> NewFromAsync(string template, string name, params string[] options)
    {
        var environment = await ReadyAsync();
        var parent = Directory.CreateDirectory(Path.Combine(environment.Work, $"new-{Guid.NewGuid():N}")).FullName;
        var (code, output) = await Dotnet.RunAsync(parent, environment.Variables, "dotnet", ["new", template, "-n", name, "--debug:custom-hive", environment.Hive, .. options]);
        return (code, output, Path.Combine(parent, name));
    }

    /// <summary>A nuget.config in <paramref name="folder"/> whose only source is the local feed of this run.</summary>
    public static Task UseFeedAsync(string folder, Environment environment) =>
        File.WriteAllTextAsync(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="cortex-responders" value="{environment.Feed}" />
              </packageSources>
            </configuration>
            """);

    /// <summary>Runs <c>dotnet &lt;arguments&gt;</c> in a generated <paramref name="folder"/>; anything but exit code 0 fails the test.</summary>
    public static async Task<string> DotnetAsync(string folder, Environment environment, params string[] arguments)
    {
        var (code, text) = await Dotnet.RunAsync(folder, environment.Variables, "dotnet", arguments);
        NUnit.Framework.Assert.That(code, NUnit.Framework.Is.EqualTo(0), $"dotnet {string.Join(' ', arguments)}:\n{text}");
        return text;
    }

    /// <summary>The flavor file <paramref name="file"/> of the generated project <paramref name="project"/>.</summary>
    public static Newtonsoft.Json.Linq.JObject Flavor(string project, string file) =>
        Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(Path.Combine(project, file)));
}
