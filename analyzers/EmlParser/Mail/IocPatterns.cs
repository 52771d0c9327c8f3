using System.Text.RegularExpressions;

namespace Cortex.Workers.Analyzers.EmlParser.Mail;

/// <summary>The patterns of the IOCs read in bodies and headers: IPv4 addresses, mail addresses, host names.</summary>
internal static partial class IocPatterns
{
    /// <summary>A dotted IPv4 address, each byte 0–255, standing alone.</summary>
    [GeneratedRegex(@"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.]*\d)", RegexOptions.CultureInvariant)]
    public static partial Regex Ipv4();

    /// <summary>A mail address as people write it (local@host.tld).</summary>
    [GeneratedRegex(@"\b[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}\b", RegexOptions.CultureInvariant)]
    public static partial Regex Email();

    /// <summary>A host name with a letter top-level domain (mx.example.org).</summary>
    [GeneratedRegex(@"\b(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}\b", RegexOptions.CultureInvariant)]
    public static partial Regex Domain();

    /// <summary>The host of an http(s) URL, lower-case, or null.</summary>
    public static string? HostOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.HostNameType == UriHostNameType.Dns ? uri.IdnHost.ToLowerInvariant() : null;

    /// <summary>The host of a mail address, lower-case, or null.</summary>
    public static string? DomainOf(string address) =>
        address.LastIndexOf('@') is var at and >= 0 && at < address.Length - 1 ? address[(at + 1)..].Trim().TrimEnd('>').ToLowerInvariant() : null;
}
