using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;

namespace Cortex.Workers.Responders.DnsRpz;

/// <summary>The responder's configuration items, read and checked before anything is sent to BIND.</summary>
internal sealed record RpzSettings(string Server, int Port, DomainName KeyName, byte[] Key, TSigAlgorithm Algorithm, DomainName Zone, IPAddress RemediationIp)
{
    /// <summary>The port of a <c>bind_server</c> that names none.</summary>
    public const int DnsPort = 53;

    /// <summary>The TSIG algorithms by the names BIND and dnspython give them (<c>HMAC-SHA512</c>, <c>hmac-sha512</c>, <c>hmac-md5.sig-alg.reg.int</c>).</summary>
    private static readonly Dictionary<string, TSigAlgorithm> Algorithms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["hmac-md5"] = TSigAlgorithm.Md5,
        ["hmac-md5.sig-alg.reg.int"] = TSigAlgorithm.Md5,
        ["hmac-sha1"] = TSigAlgorithm.Sha1,
        ["hmac-sha224"] = TSigAlgorithm.Sha224,
        ["hmac-sha256"] = TSigAlgorithm.Sha256,
        ["hmac-sha384"] = TSigAlgorithm.Sha384,
        ["hmac-sha512"] = TSigAlgorithm.Sha512,
    };

    /// <summary>Where messages say the requests go: <c>host:port</c>.</summary>
    public string Endpoint => Server.Contains(':', StringComparison.Ordinal) ? $"[{Server}]:{Port}" : $"{Server}:{Port}";

    /// <summary>Checks the six configuration items; <paramref name="fail"/> makes the job's error for the first wrong one.</summary>
    public static RpzSettings Read(Func<string, string, string> require, Func<string, Exception> fail)
    {
        var (server, port) = ParseServer(require("bind_server", "the IP address or host name of the BIND primary that serves the RPZ zone"), fail);
        var keyName = require("tsig_keyname", "the name of the TSIG key BIND lets update the zone (e.g. cortex.)");
        if (!DomainName.TryParse(keyName.Trim(), out var parsedKeyName) || parsedKeyName is null || parsedKeyName.LabelCount == 0)
        {
            throw fail($"tsig_keyname \"{keyName}\" is not a DNS name: give the key's name as in BIND's key statement, e.g. cortex.");
        }

        var secret = require("tsig_keyval", "the TSIG key's secret (base64, the secret of BIND's key statement)");
        byte[] key;
        try
        {
            key = Convert.FromBase64String(secret.Trim());
        }
        catch (FormatException)
        {
            throw fail("tsig_keyval is not base64: copy the secret of the key statement that tsig-keygen wrote");
        }

        var algorithmName = require("tsig_hashalg", "the TSIG key's algorithm, e.g. HMAC-SHA512");
        if (!Algorithms.TryGetValue(algorithmName.Trim().TrimEnd('.'), out var algorithm))
        {
            throw fail($"tsig_hashalg \"{algorithmName}\" is not a TSIG algorithm: "
                + "use the key's own, one of HMAC-MD5, HMAC-SHA1, HMAC-SHA224, HMAC-SHA256, HMAC-SHA384, HMAC-SHA512");
        }

        var zoneName = require("rpz_zonename", "the name of the response policy zone, e.g. rpz.");
        if (!DomainName.TryParse(zoneName.Trim(), out var zone) || zone is null || zone.LabelCount == 0)
        {
            throw fail($"rpz_zonename \"{zoneName}\" is not a zone name: give the response policy zone's name, e.g. rpz.");
        }

        var ipText = require("remediation_ip", "the IPv4 address blocked names are to resolve to");
        if (!IPAddress.TryParse(ipText.Trim(), out var ip) || ip.AddressFamily != AddressFamily.InterNetwork)
        {
            throw fail($"remediation_ip \"{ipText}\" is not an IPv4 address: give the address blocked names should resolve to, e.g. 127.0.0.1");
        }

        return new RpzSettings(server, port, parsedKeyName, key, algorithm, zone, ip);
    }

    /// <summary><c>host</c>, <c>host:port</c>, an IPv6 address, or <c>[IPv6]:port</c>.</summary>
    private static (string Server, int Port) ParseServer(string value, Func<string, Exception> fail)
    {
        var text = value.Trim();
        if (IPAddress.TryParse(text, out var address) && !text.StartsWith('['))
        {
            return (address.ToString(), DnsPort);
        }

        var host = text;
        var port = DnsPort;
        var colon = text.LastIndexOf(':');
        if (colon > 0 && (text.StartsWith('[') ? text[colon - 1] == ']' : text.IndexOf(':', StringComparison.Ordinal) == colon))
        {
            if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
            {
                throw fail($"bind_server \"{value}\" has no valid port after the colon: give host or host:port, e.g. 192.0.2.53 or 192.0.2.53:5353");
            }

            host = text[..colon];
        }

        host = host.TrimStart('[').TrimEnd(']');
        if (host.Length == 0 || Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            throw fail($"bind_server \"{value}\" is not a host: give the BIND primary's IP address or host name, e.g. 192.0.2.53");
        }

        return (host, port);
    }
}
