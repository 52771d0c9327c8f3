using Cortex.Responders;
using System.Net;
using System.Text.RegularExpressions;

namespace Cortex.Workers.Analyzers.EmlParser.Mail;

/// <summary>The http(s) URLs of a body, in the order met, each once: in text as written, in HTML with its entities decoded (href="…&amp;amp;…").</summary>
internal static partial class UrlFinder
{
    /// <summary>A mail with more is a list of links, not a lure; the report stays readable.</summary>
    public const int MaxUrls = 500;

    public static IReadOnlyList<string> Find(string? text, string? html)
    {
        var found = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string? body, bool isHtml)
        {
            if (body is null)
            {
                return;
            }

            foreach (Match match in Url().Matches(body))
            {
                var url = match.Value.TrimEnd('.', ',', ';', ':', '!', '?');
                if (isHtml)
                {
                    url = WebUtility.HtmlDecode(url);
                }

                if (found.Count < MaxUrls && seen.Add(url))
                {
                    found.Add(url);
                }
            }
        }

        Add(text, isHtml: false);
        Add(html, isHtml: true);
        return found;
    }

    [GeneratedRegex(@"https?://[^\s<>""'`\])}]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Url();
}
