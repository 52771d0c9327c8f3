using System.Security.Cryptography.X509Certificates;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.TestSupport.Network;

/// <summary>
/// A corporate network for a worker that calls fixed Internet host names: a private CA (the organisation's,
/// given to the job as <c>config.cacerts</c>), one server certificate it signs for all of those names (for the
/// local HTTPS server that stands for them), and a <see cref="ConnectProxy"/> (the job's <c>config.proxy.https</c>)
/// that hands every tunnel to that server. Nothing leaves loopback: the client never resolves the names itself,
/// the proxy does not either.
/// </summary>
public sealed class CorporateNetwork : IAsyncDisposable
{
    /// <summary>The Microsoft cloud's names that Defender for Endpoint and Entra ID responders call.</summary>
    public static readonly IReadOnlyList<string> MicrosoftHosts =
        ["login.microsoftonline.com", "graph.microsoft.com", "api.securitycenter.microsoft.com", "api.security.microsoft.com"];

    private readonly TestCertificates certificates = new("Corporate Test Root CA");

    /// <summary>Makes the CA and the server certificate for <paramref name="hostNames"/>; start the proxy with <see cref="StartProxy"/>.</summary>
    public CorporateNetwork(IReadOnlyList<string> hostNames) => ServerCertificate = certificates.IssueServerFor(hostNames);

    /// <summary>The certificate (with its key) the local HTTPS server presents for every name.</summary>
    public X509Certificate2 ServerCertificate { get; }

    /// <summary>The organisation's CA, PEM.</summary>
    public string AuthorityPem => certificates.AuthorityPem;

    /// <summary>The proxy, once started.</summary>
    public ConnectProxy Proxy { get; private set; } = null!;

    /// <summary>Starts the proxy, tunnelling to the HTTPS server on 127.0.0.1:<paramref name="serverPort"/>.</summary>
    public ConnectProxy StartProxy(int serverPort) => Proxy = ConnectProxy.Start(serverPort);

    /// <summary>Sets <c>proxy.https</c> (the proxy, or <paramref name="proxyUrl"/>) and <c>cacerts</c> (the CA) in a job's <paramref name="config"/>.</summary>
    public JObject Configure(JObject config, string? proxyUrl = null)
    {
        config["proxy"] = new JObject { ["https"] = proxyUrl ?? Proxy.Url };
        config["cacerts"] = AuthorityPem;
        return config;
    }

    public async ValueTask DisposeAsync()
    {
        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }

        ServerCertificate.Dispose();
        certificates.Dispose();
    }
}
