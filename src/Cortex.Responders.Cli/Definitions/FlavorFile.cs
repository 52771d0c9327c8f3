using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Cli.Definitions;

/// <summary>A *.json file of a responder folder, read as Cortex reads it.</summary>
/// <param name="Path">The file.</param>
/// <param name="Root">The responders root (the parent of the file's folder), against which <c>command</c> resolves.</param>
/// <param name="Json">The parsed content, or null when it does not parse.</param>
/// <param name="SyntaxError">Why it does not parse, with line and column.</param>
/// <param name="SyntaxLine">The line of <paramref name="SyntaxError"/>.</param>
/// <param name="Unreadable">Why it was not read at all (a FIFO, a socket, a device, a file that cannot be opened), or null.</param>
internal sealed record FlavorFile(string Path, string Root, JToken? Json, string? SyntaxError, int SyntaxLine, string? Unreadable = null)
{
    /// <summary>
    /// As Cortex's Jackson reads a definition: strict JSON (no byte order mark, comments, trailing commas, single
    /// quotes or NaN), and whatever follows the first value ignored. Line information is kept for the findings.
    /// </summary>
    private static readonly CortexJsonReadOptions AsCortexReadsDefinitions = new() { IgnoreTrailingContent = true, LineInfo = true };

    public JObject? Definition => Json as JObject;

    /// <summary>Whether this looks like a definition at all (an object with a name), as opposed to another JSON file left in the folder.</summary>
    public bool LooksLikeDefinition =>
        Definition is { } definition
        && definition.ContainsKey("name")
        && (definition.ContainsKey("command")
            || definition.ContainsKey(FlavorKeys.DockerImage)
            || definition.ContainsKey(FlavorKeys.DataTypeList)
            || definition.ContainsKey("version"));

    /// <summary>Reads a file as Cortex does; one that Cortex would skip ("has invalid format") comes back with its <see cref="SyntaxError"/>.</summary>
    public static FlavorFile Read(string path, string root)
    {
        if (FileTypes.NotRegular(path) is { } notRegular)
        {
            return new FlavorFile(path, root, null, null, 0, $"it {notRegular}");
        }

        try
        {
            using var stream = File.OpenRead(path);
            return new FlavorFile(path, root, CortexJson.Parse(stream, AsCortexReadsDefinitions), null, 0);
        }
        catch (CortexJsonException exception)
        {
            return new FlavorFile(path, root, null, exception.Message, (int)exception.Line);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new FlavorFile(path, root, null, null, 0, $"it cannot be read ({exception.Message})");
        }
    }
}
