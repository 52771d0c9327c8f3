using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Artifacts;

/// <summary>
/// cortexutils' regex extractor: finds the observable type of whole strings of a report (not a full-text
/// search: an observable must be a string of its own). Its patterns are tried in cortexutils' order, the
/// first that matches wins, and each is anchored at the start of the string only, as Python's
/// <c>re.match</c> is (an IPv4 pattern matches "10.0.0.1 and more"). Python's <c>\w</c> is any letter,
/// any number (² and Ⅻ included) or an underscore, which is <c>[\p{L}\p{N}_]</c> here: .NET's own
/// <c>\w</c> would also take combining marks and connector punctuation, and leave ² out.
/// </summary>
internal sealed class ArtifactExtractor
{
    private const string Word = @"\p{L}\p{N}_";
    private const string Octet = @"(25[0-5]|(2[0-4]|1{0,1}[0-9]){0,1}[0-9])";

    private static readonly (string Type, Regex Pattern)[] Patterns =
    [
        (ObservableTypes.Ip, Anchored(@"[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}")),
        (ObservableTypes.Ip, Anchored(
            "(" +
            "([0-9a-fA-F]{1,4}:){7,7}[0-9a-fA-F]{1,4}|" +
            "([0-9a-fA-F]{1,4}:){1,7}:|" +
            "([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|" +
            "([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|" +
            "([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|" +
            "([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|" +
            "([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|" +
            "[0-9a-fA-F]{1,4}:((:[0-9a-fA-F]{1,4}){1,6})|" +
            ":((:[0-9a-fA-F]{1,4}){1,7}|:)|" +
            "fe80:(:[0-9a-fA-F]{0,4}){0,4}%[0-9a-zA-Z]{1,}|" +
            "::(ffff(:0{1,4}){0,1}:){0,1}" + $@"({Octet}\.){{3,3}}{Octet}|" +
            "([0-9a-fA-F]{1,4}:){1,4}:" + $@"({Octet}\.){{3,3}}{Octet}" +
            ")")),
        (ObservableTypes.Url, Anchored("^(http://|https://)")),
        (ObservableTypes.Domain, Anchored($@"^(?!http://|https://)^[{Word}\-]+\.[a-zA-Z]+$")),
        (ObservableTypes.Hash, Anchored("^([0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64})$")),
        (ObservableTypes.UserAgent, Anchored(
            @"^(Mozilla/[45]\.0 |AppleWebKit/[0-9]{3}\.[0-9]{2} |Chrome/[0-9]{2}\.[0-9]\.[0-9]{4}\.[0-9]{3} |Safari/[0-9]{3}\.[0-9]{2} ).*?$")),
        (ObservableTypes.UriPath, Anchored("^(?!http://|https://)[A-Za-z]*://")),
        (ObservableTypes.Registry, Anchored(
            @"^(HKEY|HKLM|HKCU|HKCR|HKCC)(_LOCAL_MACHINE|_CURRENT_USER|_CURRENT_CONFIG|_CLASSES_ROOT|)[\\a-zA-Z0-9]+$")),
        (ObservableTypes.Mail, Anchored($@"[{Word}.\-]+@[{Word}]+\.[{Word}.]+")),
        (ObservableTypes.Fqdn, Anchored($@"^(?!http://|https://)^[{Word}\-.]+\.[{Word}\-]+\.[a-zA-Z]+$")),
    ];

    private readonly string? ignore;

    /// <param name="ignore">
    /// The analysed value: a string that contains it is never an artifact (cortexutils' substring test), so
    /// that an analyzer does not report its own observable back. Null or empty ignores nothing.
    /// </param>
    public ArtifactExtractor(string? ignore = null) => this.ignore = string.IsNullOrEmpty(ignore) ? null : ignore;

    /// <summary>The observable type of <paramref name="value"/>, or an empty string when none matches.</summary>
    public string CheckString(string value)
    {
        if (ignore is not null && value.Contains(ignore, StringComparison.Ordinal))
        {
            return string.Empty;
        }

        foreach (var (type, pattern) in Patterns)
        {
            if (pattern.IsMatch(value))
            {
                return type;
            }
        }

        return string.Empty;
    }

    /// <summary>
    /// Every string of <paramref name="report"/> (values of objects, items of arrays, at any depth; never
    /// property names) whose type is known, as <c>{"dataType": …, "data": …}</c> in the order met, each
    /// type and value once.
    /// </summary>
    public JArray CheckReport(JToken report)
    {
        var found = new JArray();
        var seen = new HashSet<(string, string)>();
        foreach (var value in Strings(report))
        {
            var type = CheckString(value);
            if (type.Length > 0 && seen.Add((type, value)))
            {
                found.Add(new JObject { [ArtifactKeys.DataType] = type, [ArtifactKeys.Data] = value });
            }
        }

        return found;
    }

    private static IEnumerable<string> Strings(JToken token)
    {
        switch (token)
        {
            case JObject obj:
                foreach (var property in obj.Properties())
                {
                    foreach (var value in Strings(property.Value))
                    {
                        yield return value;
                    }
                }

                break;
            case JArray array:
                foreach (var item in array)
                {
                    foreach (var value in Strings(item))
                    {
                        yield return value;
                    }
                }

                break;
            case JValue { Type: JTokenType.String, Value: string text }:
                yield return text;
                break;
            case JValue { Type: JTokenType.Uri, Value: Uri uri }:
                // Written as this string in the report.
                yield return uri.OriginalString;
                break;
        }
    }

    // \A: Python's re.match anchors a pattern at the start of the string, and nowhere else.
    private static Regex Anchored(string pattern) => new($@"\A(?:{pattern})", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
