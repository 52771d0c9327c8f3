using System.IO.Compression;
using System.Reflection.Metadata;
using System.Xml.Linq;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using NUnit.Framework;

namespace Cortex.Responders.Templates.Tests.Packages;

/// <summary>
/// What a SOC team sees of each package on a feed, and what a debugger gets: read from the packages the README's
/// one <c>dotnet pack</c> writes (the template tests' feed; packing twice would cost a minute for nothing).
/// </summary>
[TestFixture]
public sealed class PackageContentTests
{
    private const string RepositoryUrl = "https://github.com/cortex-responders/Cortex.Responders";

    /// <summary>The SourceLink custom debug information's kind (the Portable PDB specification).</summary>
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    private static readonly string[] Libraries =
        ["Cortex.Responders", "Cortex.Responders.Contract", "Cortex.Responders.Mail", "Cortex.Responders.Testing", "Cortex.Responders.Cli"];

    private static IEnumerable<string> AllPackages => [.. Libraries, "Cortex.Responders.Templates"];

    [TestCaseSource(nameof(AllPackages))]
    public async Task EachPackageHasItsReadmeLicenseIconAndRepository(string id)
    {
        var feed = (await TemplatePack.ReadyAsync()).Feed;
        using var package = ZipFile.OpenRead(Path.Combine(feed, $"{id}.{TemplatePack.Version}.nupkg"));
        var nuspec = Nuspec(package, id);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;

        metadata.Element(ns + "readme")?.Value.Should().Be("README.md");
        package.GetEntry("README.md").Should().NotBeNull($"{id} shows a README on the feed page");
        ReadEntry(package, "README.md").Should().Contain("#", $"{id}'s README is a real document");
        metadata.Element(ns + "icon")?.Value.Should().Be("icon.png");
        package.GetEntry("icon.png")!.Length.Should().BeGreaterThan(100);
        metadata.Element(ns + "license")?.Value.Should().Be("MIT");
        metadata.Element(ns + "projectUrl")?.Value.Should().Be(RepositoryUrl);
        var repository = metadata.Element(ns + "repository")!;
        repository.Attribute("url")?.Value.Should().Be(RepositoryUrl);
        repository.Attribute("commit")?.Value.Should().Be(await HeadAsync());
        metadata.Element(ns + "description")!.Value.Should().NotContain("a responder in-process", "the description says what the package is for, workers of both kinds");
    }

    [TestCaseSource(nameof(Libraries))]
    public async Task EachLibraryHasASymbolPackageWhosePdbsPointAtTheRepository(string id)
    {
        var feed = (await TemplatePack.ReadyAsync()).Feed;
        var head = await HeadAsync();
        using var symbols = ZipFile.OpenRead(Path.Combine(feed, $"{id}.{TemplatePack.Version}.snupkg"));
        using var package = ZipFile.OpenRead(Path.Combine(feed, $"{id}.{TemplatePack.Version}.nupkg"));

        var assemblies = package.Entries.Where(e => e.Name == $"{AssemblyName(id)}.dll").ToList();
        assemblies.Should().NotBeEmpty($"{id} ships its assembly");
        foreach (var assembly in assemblies)
        {
            var pdbPath = Path.ChangeExtension(assembly.FullName, ".pdb");
            var pdb = symbols.GetEntry(pdbPath);
            pdb.Should().NotBeNull($"the symbol package holds {pdbPath}");

            using var stream = new MemoryStream();
            using (var entry = pdb!.Open())
            {
                await entry.CopyToAsync(stream);
            }

            stream.Position = 0;
            using var provider = MetadataReaderProvider.FromPortablePdbStream(stream);
            var reader = provider.GetMetadataReader();
            var sourceLink = reader.CustomDebugInformation
                .Select(reader.GetCustomDebugInformation)
                .Where(info => reader.GetGuid(info.Kind) == SourceLinkKind)
                .Select(info => System.Text.Encoding.UTF8.GetString(reader.GetBlobBytes(info.Value)))
                .SingleOrDefault();
            sourceLink.Should().NotBeNull($"{pdbPath} has a SourceLink map");
            var documents = ((Newtonsoft.Json.Linq.JObject)Newtonsoft.Json.Linq.JObject.Parse(sourceLink!)["documents"]!).Properties().Select(p => (string?)p.Value).ToList();
            documents.Should().ContainSingle().Which.Should().Be($"https://raw.githubusercontent.com/cortex-responders/Cortex.Responders/{head}/*");
        }
    }

    private static string AssemblyName(string id) => id == "Cortex.Responders.Cli" ? "cortex-responder" : id;

    private static XDocument Nuspec(ZipArchive package, string id) => XDocument.Parse(ReadEntry(package, $"{id}.nuspec"));

    private static string ReadEntry(ZipArchive package, string name)
    {
        using var reader = new StreamReader(package.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    private static async Task<string> HeadAsync()
    {
        var (code, output) = await Dotnet.RunAsync(Repository.Root, new Dictionary<string, string>(), "git", "rev-parse", "HEAD");
        code.Should().Be(0, output);
        return output.Trim();
    }
}
