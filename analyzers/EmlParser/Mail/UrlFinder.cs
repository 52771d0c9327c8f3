using System.Net;
using System.Text.RegularExpressions;

namespace Cortex.Workers.Analyzers.EmlParser.Mail;

/// <summary>
/// The IOCs of a body, with 2.1's tags (<c>body:text/plain</c> or <c>body:text/html</c>, <c>content-ioc</c>): its
/// http(s) URLs (in HTML with their entities decoded, href="…&amp;amp;…"), their host names, and the IPv4 and
/// mail addresses of its text (of an HTML body, its text between the tags).
/// </summary>
internal static partial class UrlFinder
{
    public static void AddIocs(bool isHtml, string body, IocSet iocs)
    {
        var tag = isHtml ? "body:text/html" : "body:text/plain";
        foreach (Match match in Url().Matches(body))
        {
            var url = match.Value.TrimEnd('.', ',', ';', ':', '!', '?');
            if (isHtml)
            {
                url = WebUtility.HtmlDecode(url);
            }

            iocs.Add("url", url, tag, "content-ioc");
            if (IocPatterns.HostOf(url) is { } host)
            {
                iocs.Add("domain", host, tag, "content-ioc");
            }
        }

        var text = isHtml ? WebUtility.HtmlDecode(Tag().Replace(body, " ")) : body;
        foreach (Match match in IocPatterns.Ipv4().Matches(text))
        {
            iocs.Add("ip", match.Value, tag, "content-ioc");
        }

        foreach (Match match in IocPatterns.Email().Matches(text))
        {
            iocs.Add("email", match.Value, tag, "content-ioc");
        }
    }

    [GeneratedRegex(@"https?://[^\s<>""'`\])}]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Url();

    [GeneratedRegex(@"<[^>]{0,4096}>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();
}
