using System.Globalization;

namespace Cortex.Workers.Responders.DnsRpz;

/// <summary>The observable's value checked as a domain name, an internationalised one in its ASCII (punycode) form.</summary>
internal static class DomainNames
{
    /// <summary>The longest DNS name in text, without the final dot.</summary>
    public const int MaxLength = 253;

    private static readonly IdnMapping Idn = new();

    /// <summary>
    /// <paramref name="value"/> as a lower-case ASCII name without its final dot (<c>*.</c> first blocks every
    /// name below it, as RPZ reads it); anything else ends the job through <paramref name="fail"/>.
    /// </summary>
    public static string Parse(string value, Func<string, Exception> fail)
    {
        var text = value.Trim().TrimEnd('.');
        var wildcard = text.StartsWith("*.", StringComparison.Ordinal);
        var name = wildcard ? text[2..] : text;
        string ascii;
        try
        {
            ascii = Idn.GetAscii(name).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            throw fail($"the observable \"{Shown(value)}\" is not a domain name: DNS-RPZ blocks names such as evil.example.com");
        }

        var labels = ascii.Split('.');
        if (labels.Length < 1 || ascii.Length > MaxLength || labels.Any(label => label.Length is 0 or > 63 || !label.All(IsNameCharacter)))
        {
            throw fail($"the observable \"{Shown(value)}\" is not a domain name: DNS-RPZ blocks names such as evil.example.com");
        }

        return wildcard ? $"*.{ascii}" : ascii;
    }

    private static bool IsNameCharacter(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_';

    private static string Shown(string value) => value.Length <= 80 && !value.Any(char.IsControl) ? value : "(not shown)";
}
