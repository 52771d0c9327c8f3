using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Cli.Templates;

/// <summary>
/// The <c>content.…</c> paths a template reads (in <c>{{…}}</c> and in ng-* attributes alike), and those a sample
/// report lacks: the common way a template goes blank after a report's keys change.
/// </summary>
internal static partial class TemplateReads
{
    /// <summary>What a failed job's content holds, read by the error panel: no success report has it.</summary>
    private static readonly HashSet<string> FailureKeys = [ReportKeys.ErrorMessage, ReportKeys.Input];

    /// <summary>Each distinct path after <c>content</c>, in the order the template first reads it: <c>headers.subject</c>, <c>attachments</c>.</summary>
    public static IReadOnlyList<string> Paths(string template)
    {
        var text = Comment().Replace(template, string.Empty);
        return ContentPath().Matches(text).Select(m => Normalize(m.Groups[1].Value)).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The paths of <paramref name="template"/> that <paramref name="content"/> (a success report's full) does not hold.</summary>
    public static IEnumerable<string> Lacking(string template, JToken content) =>
        Paths(template).Where(p => !FailureKeys.Contains(Segments(p)[0]) && !Holds(content, Segments(p)));

    private static bool Holds(JToken content, IReadOnlyList<string> segments)
    {
        var token = content;
        foreach (var segment in segments)
        {
            switch (token)
            {
                case JObject obj when obj.TryGetValue(segment, StringComparison.Ordinal, out var next):
                    token = next;
                    break;
                case JArray array when int.TryParse(segment, out var index):
                    // An index past the sample's end reads nothing, as it would for any short list: not a renamed key.
                    if (index >= array.Count)
                    {
                        return true;
                    }

                    token = array[index];
                    break;
                case JArray or JValue { Type: JTokenType.String } when segment == "length":
                    return true;
                case JValue { Type: JTokenType.Null }:
                    // A null the sample holds: the key is there, its value says nothing about what lies under it.
                    return true;
                default:
                    return false;
            }
        }

        return true;
    }

    private static string[] Segments(string path) => path.Split('.');

    // content.a.b, content['a-b'].c, content.list[0].d → a.b, a-b.c, list.0.d
    private static string Normalize(string tail) =>
        string.Join('.', Segment().Matches(tail).Select(m =>
            m.Groups["name"].Success ? m.Groups["name"].Value : m.Groups["quoted"].Success ? m.Groups["quoted"].Value : m.Groups["index"].Value));

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"(?<![\w$.])content((?:\s*\.\s*[A-Za-z_$][\w$]*|\[\s*(?:'[^']*'|""[^""]*""|\d+)\s*\])+)")]
    private static partial Regex ContentPath();

    [GeneratedRegex(@"\.\s*(?<name>[A-Za-z_$][\w$]*)|\[\s*(?:'(?<quoted>[^']*)'|""(?<quoted>[^""]*)""|(?<index>\d+))\s*\]")]
    private static partial Regex Segment();
}
