using System.Reflection;
using FluentAssertions;
using PublicApiGenerator;

namespace Cortex.Responders.TestSupport;

/// <summary>
/// The public-API approval every package's test project runs: the assembly's public surface must equal its
/// .approved.txt file, so a change to it shows in review. CORTEX_APPROVE_API=1 writes the file instead.
/// </summary>
public static class ApprovedApi
{
    /// <summary>Checks the public API of <paramref name="assembly"/> against <paramref name="approvedFile"/> (a path under the repository root).</summary>
    public static void ShouldMatch(Assembly assembly, string approvedFile)
    {
        var api = assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false });
        var approved = Path.Combine(Repository.Root, approvedFile);
        if (Environment.GetEnvironmentVariable("CORTEX_APPROVE_API") == "1")
        {
            File.WriteAllText(approved, api);
        }

        File.Exists(approved).Should().BeTrue($"{approved} holds the approved API");
        api.Should().Be(File.ReadAllText(approved));
    }
}
