using System.Runtime.Versioning;
using FluentAssertions;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.TestSupport;

/// <summary>What `dotnet publish responders` leaves in a responder's folder of the Cortex root, checked the same way for every responder.</summary>
[SupportedOSPlatform("linux")]
public static class PublishedFolder
{
    /// <summary>
    /// The folder <paramref name="root"/>/<paramref name="name"/> holds the executable <paramref name="name"/>
    /// (executable by anyone, as Cortex's user may not own it) and <paramref name="flavors"/>, nothing else but an
    /// analyzer's report template (<see cref="LongTemplate"/>, which Cortex never reads: it reads *.json only), and every
    /// flavor's command is <c>name/name</c>.
    /// </summary>
    public static void ShouldHoldTheExecutableAndFlavorsOnly(string root, string name, params string[] flavors)
    {
        var folder = Path.Combine(root, name);
        Directory.GetFiles(folder).Select(Path.GetFileName).Where(f => f != LongTemplate).Should().BeEquivalentTo([name, .. flavors]);
        File.GetUnixFileMode(Path.Combine(folder, name)).Should().HaveFlag(UnixFileMode.UserExecute).And.HaveFlag(UnixFileMode.OtherExecute);
        foreach (var flavor in flavors)
        {
            ((string?)Flavor(root, name, flavor)["command"]).Should().Be($"{name}/{name}", flavor);
        }
    }

    /// <summary>The report template TheHive shows an analyzer's full report with, published beside the flavors.</summary>
    public const string LongTemplate = "long.html";

    /// <summary>The flavor file <paramref name="file"/> of the responder <paramref name="name"/>.</summary>
    public static JObject Flavor(string root, string name, string file) => JObject.Parse(File.ReadAllText(Path.Combine(root, name, file)));
}
