using System.Globalization;
using System.Text.RegularExpressions;
using MimeKit.Utils;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Analyzers.EmlParser.Mail;

/// <summary>
/// A Received header read into 2.1's hop: <c>src</c> (the line), <c>from</c> and <c>by</c> (the host names and
/// IPv4 addresses of each clause), <c>for</c> (the addresses), <c>with</c> (the protocol), <c>date</c> (ISO 8601,
/// UTC). Comments in parentheses are read for hosts (where the relay's IP stands) but end no clause.
/// </summary>
internal static partial class ReceivedLine
{
    public static JObject Parse(string line)
    {
        var semicolon = line.LastIndexOf(';');
        var clauses = semicolon >= 0 ? line[..semicolon] : line;
        var date = semicolon >= 0 && DateUtils.TryParse(line[(semicolon + 1)..].Trim(), out var parsed)
            ? parsed.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture) : null;

        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        var matches = Keyword().Matches(WithoutComments(clauses));
        for (var i = 0; i < matches.Count; i++)
        {
            var word = matches[i].Groups[1].Value.ToLowerInvariant();
            var start = matches[i].Index + matches[i].Length;
            var end = i + 1 < matches.Count ? matches[i + 1].Index : clauses.Length;
            parts.TryAdd(word, clauses[start..end]);
        }

        return new JObject
        {
            ["src"] = line,
            ["from"] = Hosts(parts.GetValueOrDefault("from")),
            ["by"] = Hosts(parts.GetValueOrDefault("by")),
            ["for"] = new JArray(IocPatterns.Email().Matches(parts.GetValueOrDefault("for") ?? string.Empty).Select(m => m.Value).Distinct()),
            ["with"] = parts.GetValueOrDefault("with") is { } with ? WithoutComments(with).Trim() : null,
            ["date"] = date,
        };
    }

    /// <summary>The host names and IPv4 addresses of a clause, comments included, each once.</summary>
    public static JArray Hosts(string? clause)
    {
        if (clause is null)
        {
            return [];
        }

        var found = IocPatterns.Domain().Matches(clause).Select(m => m.Value.ToLowerInvariant())
            .Concat(IocPatterns.Ipv4().Matches(clause).Select(m => m.Value));
        return new JArray(found.Where(host => !IsNumeric(host)).Distinct());
    }

    private static bool IsNumeric(string host) => host.Split('.')[^1].All(char.IsAsciiDigit) && !IocPatterns.Ipv4().IsMatch(host);

    /// <summary>The line with its comments blanked (same length, so positions map back one to one).</summary>
    private static string WithoutComments(string line)
    {
        var chars = line.ToCharArray();
        var depth = 0;
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            depth += c == '(' ? 1 : 0;
            if (depth > 0)
            {
                chars[i] = ' ';
            }

            depth -= c == ')' && depth > 0 ? 1 : 0;
        }

        return new string(chars);
    }

    [GeneratedRegex(@"(?:^|\s)(from|by|via|with|id|for)\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Keyword();
}
