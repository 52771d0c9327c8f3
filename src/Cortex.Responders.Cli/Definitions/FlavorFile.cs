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

    /// <summary>
    /// Reads a file as strictly as Cortex (UTF-8, Jackson's defaults): no byte order mark, comments, trailing
    /// commas, single quotes or NaN, which a lenient parser would accept and Cortex rejects ("has invalid format").
    /// </summary>
    public static FlavorFile Read(string path, string root)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new FlavorFile(path, root, null, $"cannot be read ({exception.Message})", 0);
        }

        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return new FlavorFile(path, root, null, "starts with a UTF-8 byte order mark (line 1, column 1); save it as UTF-8 without BOM", 1);
        }

        try
        {
            using var strict = System.Text.Json.JsonDocument.Parse(bytes);
        }
        catch (System.Text.Json.JsonException exception) when (!exception.Message.Contains("after a single JSON value", StringComparison.Ordinal))
        {
            var line = (int)(exception.LineNumber ?? 0) + 1;
            var column = (int)(exception.BytePositionInLine ?? 0) + 1;
            var message = exception.Message;
            var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
            return new FlavorFile(path, root, null, $"{(cut > 0 ? message[..cut] : message).TrimEnd('.')} (line {line}, column {column})", line);
        }
        catch (System.Text.Json.JsonException)
        {
            // Text after the value: Jackson's defaults ignore it, so does Cortex.
        }

        using var reader = new JsonTextReader(new StreamReader(new MemoryStream(bytes))) { DateParseHandling = DateParseHandling.None };
        var json = JToken.ReadFrom(reader, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load, DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Replace });
        return new FlavorFile(path, root, json, null, 0);
    }

    /// <summary>Whether this looks like a definition at all (an object with a name), as opposed to another JSON file left in the folder.</summary>
    public bool LooksLikeDefinition => Definition is { } definition && definition.ContainsKey("name") && (definition.ContainsKey("command") || definition.ContainsKey("dockerImage") || definition.ContainsKey("dataTypeList") || definition.ContainsKey("version"));
}
