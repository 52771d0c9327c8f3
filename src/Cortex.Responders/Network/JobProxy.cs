using System.Net;

namespace Cortex.Responders.Network;

/// <summary>
/// The job's proxies (<c>config.proxy.http</c> for http URLs, <c>config.proxy.https</c> for https URLs), each
/// with the credentials its own URL carries, and the <c>no_proxy</c> list honoured as Python requests does.
/// </summary>
internal sealed class JobProxy : IWebProxy, ICredentials
{
    private static readonly string[] Schemes = ["http", "https", "socks4", "socks4a", "socks5"];
    private readonly Uri? http;
    private readonly Uri? https;
    private readonly string[] bypass;

    private JobProxy(Uri? http, Uri? https, string? noProxy)
    {
        this.http = http;
        this.https = https;
        bypass = (noProxy ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry => entry.TrimStart('*').TrimStart('.').ToLowerInvariant())
            .ToArray();
    }

    public ICredentials? Credentials
    {
        get => this;
        set => throw new NotSupportedException("The job's proxy credentials come from its proxy URLs.");
    }

    /// <summary>Returns the proxy for these settings, or null when the job configures none.</summary>
    /// <exception cref="FormatException">A proxy setting is not an absolute http(s) or socks URL.</exception>
    public static JobProxy? Create(string? httpProxy, string? httpsProxy, string? noProxy)
    {
        var http = Parse(httpProxy, "config.proxy.http");
        var https = Parse(httpsProxy, "config.proxy.https");
        return http is null && https is null ? null : new JobProxy(http, https, noProxy);
    }

    public Uri? GetProxy(Uri destination)
    {
        var proxy = destination.Scheme == Uri.UriSchemeHttps ? https : http;
        return proxy is null || IsBypassed(destination) ? null : WithoutUserInfo(proxy);
    }

    public bool IsBypassed(Uri host)
    {
        var name = host.IdnHost.ToLowerInvariant();
        return bypass.Any(entry => entry == "" || name == entry || name.EndsWith("." + entry, StringComparison.Ordinal));
    }

    /// <summary>The credentials of whichever proxy is asking (matched by host and port).</summary>
    public NetworkCredential? GetCredential(Uri uri, string authType)
    {
        foreach (var proxy in new[] { http, https })
        {
            if (proxy is not null && proxy.UserInfo.Length > 0
                && string.Equals(proxy.IdnHost, uri.IdnHost, StringComparison.OrdinalIgnoreCase) && proxy.Port == uri.Port)
            {
                var parts = proxy.UserInfo.Split(':', 2);
                return new NetworkCredential(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty);
            }
        }

        return null;
    }

    private static Uri? Parse(string? value, string path)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!value.Contains("://", StringComparison.Ordinal))
        {
            value = "http://" + value;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !Schemes.Contains(uri.Scheme))
        {
            throw new FormatException($"{path} must be a proxy URL such as http://proxy.example:3128 (http, https, socks4, socks4a or socks5)");
        }

        return uri;
    }

    private static Uri WithoutUserInfo(Uri proxy) =>
        proxy.UserInfo.Length == 0 ? proxy : new UriBuilder(proxy) { UserName = string.Empty, Password = string.Empty }.Uri;
}
