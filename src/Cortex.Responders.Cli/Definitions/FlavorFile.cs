using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Cli.Definitions;

/// <summary>A *.json file of a responder folder, read as Cortex reads it.</summary>
/// <param name="Path">The file.</param>
/// <param name="Root">The responders root (the parent of the file's folder), against which <c>command</c> resolves.</param>
/// <param name="Json">The parsed content, or null when it does not parse.</param>
/// <param name="SyntaxError">Why it does not parse, with line and column.</param>
/// <param name="SyntaxLine">The line of <paramref name="SyntaxError"/>.</param>
internal sealed record FlavorFile(string Path, string Root, JToken? Json, string? SyntaxError, int SyntaxLine)
{
    public JObject? Definition => Json as JObject;

    public static FlavorFile Read(string path, string root)
    {
        try
        {
            using var reader = new JsonTextReader(File.OpenText(path)) { DateParseHandling = DateParseHandling.None };
            var json = JToken.ReadFrom(reader, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load, DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Replace });
            if (reader.Read())
            {
                return new FlavorFile(path, root, null, $"text after the JSON value at line {reader.LineNumber}, column {reader.LinePosition}", reader.LineNumber);
            }

            return new FlavorFile(path, root, json, null, 0);
        }
        catch (JsonReaderException exception)
        {
            var message = exception.Message;
            var cut = message.IndexOf(" Path '", StringComparison.Ordinal);
            return new FlavorFile(path, root, null, $"{(cut > 0 ? message[..cut] : message).TrimEnd('.')} (line {exception.LineNumber}, column {exception.LinePosition})", exception.LineNumber);
        }
    }

    /// <summary>Whether this looks like a definition at all (an object with a name), as opposed to another JSON file left in the folder.</summary>
    public bool LooksLikeDefinition => Definition is { } definition && definition.ContainsKey("name") && (definition.ContainsKey("command") || definition.ContainsKey("dockerImage") || definition.ContainsKey("dataTypeList") || definition.ContainsKey("version"));
}
