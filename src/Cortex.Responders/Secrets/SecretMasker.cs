using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Secrets;

/// <summary>
/// Removes secrets from what an error output carries back to Cortex (which stores the job's input with
/// the failed job). cortexutils masks only top-level <c>config</c> keys; this masks nested keys too,
/// credentials inside URLs anywhere in <c>config</c>, and the secret values wherever they reappear in the
/// error message.
/// </summary>
internal static partial class SecretMasker
{
    public const string Removed = "REMOVED";

    /// <summary>Words that make a key name a measure of a secret rather than the secret itself.</summary>
    private static readonly string[] Measures = ["timeout", "ttl", "lifetime", "duration", "expir", "length", "size", "count", "limit", "_type", "algorithm"];

    // A secret shorter than this would mangle ordinary words of a message when scrubbed from it.
    private const int MinimumScrubbedLength = 4;

    /// <summary>
    /// Returns a masked copy of <paramref name="input"/> (the original is left untouched): secret keys of
    /// <c>config</c> at any depth, URL credentials in <c>config</c>, and the secret values found there
    /// wherever else they appear in the input.
    /// </summary>
    /// <param name="input">The job input.</param>
    /// <param name="phrases">Lower-case phrases: a key whose lower-cased name contains one is a secret.</param>
    /// <param name="secrets">Receives every secret string value that was masked.</param>
    public static JObject MaskInput(JObject input, IReadOnlyCollection<string> phrases, ISet<string> secrets)
    {
        var copy = (JObject)input.DeepClone();
        if (copy["config"] is JObject config)
        {
            MaskObject(config, phrases, secrets);
        }

        // The configuration's own key names are the flavor's item names, not data: only their values are scrubbed.
        foreach (var property in copy.Properties())
        {
            if (property.Value is JContainer container)
            {
                ScrubValues(container, secrets, keys: property.Name != "config");
            }
            else if (property.Value is JValue { Type: JTokenType.String, Value: string text } value && Scrub(text, secrets) is var clean && clean != text)
            {
                value.Value = clean;
            }
        }

        return copy;
    }

    /// <summary>
    /// Removes the secret values from every string of <paramref name="json"/>, keys included (a secret can be
    /// a key of the data, or of a report), in place.
    /// </summary>
    /// <param name="json">The JSON to clean.</param>
    /// <param name="secrets">The secret values.</param>
    /// <param name="keys">Whether keys are scrubbed too.</param>
    public static void ScrubValues(JContainer json, IEnumerable<string> secrets, bool keys = true)
    {
        var scrubbed = secrets.Where(s => s.Length >= MinimumScrubbedLength).ToArray();
        if (scrubbed.Length == 0)
        {
            return;
        }

        foreach (var token in json.DescendantsAndSelf().ToList())
        {
            switch (token)
            {
                case JValue { Type: JTokenType.String, Value: string text } value when Scrub(text, scrubbed) is var clean && clean != text:
                    value.Value = clean;
                    break;
                case JProperty property when keys && Scrub(property.Name, scrubbed) is var name && name != property.Name:
                    var parent = (JObject)property.Parent!;
                    var renamed = new JProperty(UniqueName(parent, name), property.Value);
                    property.Replace(renamed);
                    break;
            }
        }
    }

    /// <summary>
    /// Replaces each secret and each URL credential found in <paramref name="message"/>, whatever the case of its
    /// letters (a message may quote a value upper-cased).
    /// </summary>
    public static string Scrub(string message, IEnumerable<string> secrets)
    {
        foreach (var secret in secrets.Where(s => s.Length >= MinimumScrubbedLength).OrderByDescending(s => s.Length))
        {
            message = message.Replace(secret, Removed, StringComparison.OrdinalIgnoreCase);
        }

        return MaskUrlCredentials(message, secrets: null);
    }

    private static string UniqueName(JObject parent, string name)
    {
        var unique = name;
        for (var i = 2; parent.ContainsKey(unique); i++)
        {
            unique = $"{name}#{i}";
        }

        return unique;
    }

    private static void MaskObject(JObject node, IReadOnlyCollection<string> phrases, ISet<string> secrets)
    {
        var user = node.Properties().FirstOrDefault(p => p.Name.Contains("user", StringComparison.OrdinalIgnoreCase) && p.Value.Type == JTokenType.String);
        foreach (var property in node.Properties().ToList())
        {
            if (IsSecretName(property.Name, phrases))
            {
                Collect(property.Value, secrets);

                // A user and a password side by side also travel as a Basic authorization header.
                if (user is not null && property.Value is JValue { Value: string password })
                {
                    secrets.Add(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user.Value}:{password}")));
                }

                property.Value = Removed;
            }
            else
            {
                MaskValue(property.Value, phrases, secrets);
            }
        }
    }

    private static void MaskValue(JToken value, IReadOnlyCollection<string> phrases, ISet<string> secrets)
    {
        switch (value)
        {
            case JObject child:
                MaskObject(child, phrases, secrets);
                break;
            case JArray array:
                foreach (var item in array.ToList())
                {
                    MaskValue(item, phrases, secrets);
                }

                break;
            case JValue { Type: JTokenType.String, Value: string text }:
                var masked = MaskUrlCredentials(text, secrets);
                if (!ReferenceEquals(masked, text))
                {
                    value.Replace(masked);
                }

                break;
        }
    }

    private static bool IsSecretName(string name, IReadOnlyCollection<string> phrases)
    {
        var lower = name.ToLowerInvariant();

        // A duration, a size or a count about a secret is not the secret ("session_timeout", "key_size").
        if (Measures.Any(measure => lower.Contains(measure, StringComparison.Ordinal)))
        {
            return false;
        }

        // "author" and "authority" hold "auth" but name a person or an issuer; "authorization" is what "auth" means.
        var words = lower
            .Replace("authoriz", "auth_z", StringComparison.Ordinal)
            .Replace("authoris", "auth_s", StringComparison.Ordinal)
            .Replace("author", "/", StringComparison.Ordinal);
        return phrases.Any(phrase => words.Contains(phrase, StringComparison.Ordinal)
            || (phrase.Contains("author", StringComparison.Ordinal) && lower.Contains(phrase, StringComparison.Ordinal)));
    }

    private static void Collect(JToken value, ISet<string> secrets)
    {
        IEnumerable<JValue> values = value is JValue single ? [single] : (value as JContainer)?.Descendants().OfType<JValue>() ?? [];
        foreach (var item in values)
        {
            switch (item.Type)
            {
                case JTokenType.String:
                    AddWithEncodings((string)item.Value!, secrets);
                    break;
                case JTokenType.Integer or JTokenType.Float:
                    secrets.Add(item.ToString(Newtonsoft.Json.Formatting.None));
                    break;
            }
        }
    }

    // A secret also leaks as it appears in a URL, in JSON text, on one line, or in a Basic authorization header.
    private static void AddWithEncodings(string secret, ISet<string> secrets)
    {
        secrets.Add(secret);
        secrets.Add(Uri.EscapeDataString(secret));
        secrets.Add(Newtonsoft.Json.JsonConvert.ToString(secret)[1..^1]);
        secrets.Add(Newtonsoft.Json.JsonConvert.ToString(secret, '"', Newtonsoft.Json.StringEscapeHandling.EscapeNonAscii)[1..^1]);
        secrets.Add(string.Join(' ', secret.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        if (secret.Contains(':', StringComparison.Ordinal))
        {
            secrets.Add(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(secret)));
        }
    }

    private static string MaskUrlCredentials(string text, ISet<string>? secrets)
    {
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            return text;
        }

        return UrlCredentials().Replace(text, match =>
        {
            if (secrets is not null)
            {
                // Split before decoding: a user name may hold an encoded ":" ("svc%3Aacct:password").
                var raw = match.Groups["userinfo"].Value;
                AddWithEncodings(raw, secrets);
                AddWithEncodings(Uri.UnescapeDataString(raw), secrets);
                if (raw.Split(':', 2) is [_, var password])
                {
                    AddWithEncodings(password, secrets);
                    AddWithEncodings(Uri.UnescapeDataString(password), secrets);
                }
            }

            return match.Groups["scheme"].Value + Removed + "@";
        });
    }

    // The user information runs to the last "@" of the authority, as urllib3 reads it (a password may hold "@"); a
    // "user:password" part may even hold a raw "/", "?" or "#", which a careless configuration does.
    [GeneratedRegex(@"(?<scheme>(?<![A-Za-z0-9+.\-])[a-zA-Z][a-zA-Z0-9+.\-]*://)(?<userinfo>[^\s""'/?#@:]+:[^\s""']+|[^/?#\s""']+)@(?=[^\s""'@]*(?:[\s""']|$))")]
    private static partial Regex UrlCredentials();
}
