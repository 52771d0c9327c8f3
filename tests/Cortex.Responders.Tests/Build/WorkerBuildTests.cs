using System.Diagnostics;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using NUnit.Framework;

namespace Cortex.Responders.Tests.Build;

/// <summary>What build/Cortex.Responders.targets refuses at build time, checked by building small worker projects with the dotnet CLI.</summary>
[TestFixture]
public sealed class WorkerBuildTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static string Targets => Path.Combine(Repository.Root, "src", "Cortex.Responders", "build", "Cortex.Responders.targets");

    [TestCase("Soc.Mistakes/soc.mistakes", false, TestName = "FlavorCommandIsCheckedWithItsLetterCase(Soc.Mistakes/soc.mistakes is refused)")]
    [TestCase("soc.mistakes/Soc.Mistakes", false, TestName = "FlavorCommandIsCheckedWithItsLetterCase(soc.mistakes/Soc.Mistakes is refused)")]
    [TestCase("Soc.Mistakes/Soc.Mistakes", true, TestName = "FlavorCommandIsCheckedWithItsLetterCase(Soc.Mistakes/Soc.Mistakes builds)")]
    public async Task FlavorCommandIsCheckedWithItsLetterCase(string command, bool builds)
    {
        using var folder = new TemporaryDirectory();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "Soc.Mistakes.proj"), $"""
            <Project>
              <PropertyGroup><AssemblyName>Soc.Mistakes</AssemblyName><OutputType>Exe</OutputType></PropertyGroup>
              <Import Project="{Targets}" />
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "Soc_Mistakes.json"), $$"""{"name": "Soc_Mistakes", "version": "1.0", "command": "{{command}}"}""");

        var (exitCode, output) = await DotnetAsync(folder.Path, "msbuild", "-nologo", "-t:CortexCheckFlavors", "Soc.Mistakes.proj");

        if (builds)
        {
            exitCode.Should().Be(0, output);
        }
        else
        {
            exitCode.Should().NotBe(0, output);
            output.Should().Contain($"Soc_Mistakes.json: \"command\" is \"{command}\", but the publish writes Soc.Mistakes/Soc.Mistakes under the Cortex root (letter case matters");
        }
    }

    [TestCase("my responder", TestName = "NameThatIsNotACommandFailsTheBuild(a space)")]
    [TestCase("Acme;rm", TestName = "NameThatIsNotACommandFailsTheBuild(a shell character)")]
    public async Task NameThatIsNotACommandFailsTheBuild(string name)
    {
        using var folder = new TemporaryDirectory();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "Worker.proj"), $"""
            <Project>
              <PropertyGroup><AssemblyName>{name}</AssemblyName><OutputType>Exe</OutputType></PropertyGroup>
              <Import Project="{Targets}" />
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "Flavor.json"), $$"""{"name": "Flavor", "version": "1.0", "command": "{{name}}/{{name}}"}""");

        var (exitCode, output) = await DotnetAsync(folder.Path, "msbuild", "-nologo", "-t:CortexCheckFlavors", "Worker.proj");

        exitCode.Should().NotBe(0, output);
        output.Should().Contain($"\"{name}\" cannot be a worker's name: Cortex runs {name}/{name} as a command, so the name may hold letters, digits, '.', '_' and '-' only (no space)");
    }

    [TestCase("var text = JsonConvert.SerializeObject(new { count = 1 });", "IL2026", TestName = "TrimAndAotWarningsAreErrorsInAWorker(JsonConvert.SerializeObject)")]
    [TestCase("var text = JToken.FromObject(new { count = 1 }).ToString(Formatting.None);", "IL2026", TestName = "TrimAndAotWarningsAreErrorsInAWorker(JToken.FromObject)")]
    [TestCase("var text = new JObject { [\"count\"] = 1 }.ToString(Formatting.None);", null, TestName = "TrimAndAotWarningsAreErrorsInAWorker(JObject builds)")]
    public async Task TrimAndAotWarningsAreErrorsInAWorker(string line, string? error)
    {
        using var folder = new TemporaryDirectory();
        var library = Path.Combine(Repository.Root, "src", "Cortex.Responders");
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "Probe.csproj"), $"""
            <Project>
              <Import Project="Sdk.props" Sdk="Microsoft.NET.Sdk" />
              <Import Project="{library}/build/Cortex.Responders.props" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>Exe</OutputType>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup><ProjectReference Include="{library}/Cortex.Responders.csproj" /></ItemGroup>
              <Import Project="Sdk.targets" Sdk="Microsoft.NET.Sdk" />
              <Import Project="{library}/build/Cortex.Responders.targets" />
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "Program.cs"), $$"""
            using Cortex.Responders;
            using Newtonsoft.Json;
            using Newtonsoft.Json.Linq;

            return await ResponderHost.RunAsync<Probe>(args);

            internal sealed class Probe : Responder
            {
                protected override Task RunAsync(CancellationToken cancellationToken)
                {
                    {{line}}
                    Report(new JObject { ["text"] = text });
                    return Task.CompletedTask;
                }
            }
            """);
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "Probe.json"), """{"name": "Probe", "version": "1.0", "command": "Probe/Probe"}""");

        // The library is built already (this test project references it): build the probe alone, under the
        // lock that keeps test processes from building the repository's projects at once.
        int exitCode;
        string output;
        await using (await BuildLock.AcquireAsync())
        {
            (exitCode, output) = await DotnetAsync(folder.Path, "build", "-nologo", "-c", Configuration, "-p:BuildProjectReferences=false", "Probe.csproj");
        }

        if (error is null)
        {
            exitCode.Should().Be(0, output);
        }
        else
        {
            exitCode.Should().NotBe(0, output);
            output.Should().Contain($"error {error}:");
        }
    }

    private static async Task<(int ExitCode, string Output)> DotnetAsync(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's MSBuild settings must not leak into the build.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        return (process.ExitCode, await output + await error);
    }
}
