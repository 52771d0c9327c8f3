using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cortex.Responders.Network;
using Cortex.Responders.Parameters;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders;

/// <summary>The network of a worker: the job's proxies and CA certificates, and the clients and TLS checks that use them.</summary>
public abstract partial class Worker
{
    private CaCertificates? caCertificates;

    /// <summary>The default timeout of the clients <see cref="CreateHttpClient"/> makes.</summary>
    public static readonly TimeSpan DefaultHttpTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The proxy for http URLs, from <c>config.proxy.http</c>.</summary>
    protected string? HttpProxy { get; private set; }

    /// <summary>The proxy for https URLs, from <c>config.proxy.https</c>.</summary>
    protected string? HttpsProxy { get; private set; }

    /// <summary>
    /// The CA certificates the organisation gave Cortex (input/cacerts, REQUESTS_CA_BUNDLE or
    /// <c>config.cacerts</c>); empty when none.
    /// </summary>
    protected X509Certificate2Collection CaCertificates => Certificates.Certificates;

    private CaCertificates Certificates => caCertificates ??= LoadCaCertificates();

    /// <summary>
    /// Validates a server certificate: valid with the system's roots, or with the job's
    /// <see cref="CaCertificates"/>; the host name must match either way. Hand it to any TLS client
    /// (MailKit's <c>ServerCertificateValidationCallback</c>, an <see cref="SslStream"/>). It never ends the job
    /// from inside the TLS handshake: read <see cref="CaCertificates"/> before connecting so that malformed CA
    /// certificates end the job with their own error.
    /// </summary>
    /// <param name="sender">The TLS client.</param>
    /// <param name="certificate">The server's certificate.</param>
    /// <param name="chain">The chain the platform built.</param>
    /// <param name="sslPolicyErrors">What the platform found wrong.</param>
    /// <returns>Whether to trust the server.</returns>
    protected bool ValidateServerCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors sslPolicyErrors)
    {
        // A TLS callback never ends the job: a stopped job or unusable CA certificates refuse the server, and the
        // TLS client's own failure reaches the worker's code. Load them beforehand (read CaCertificates) to get
        // the certificates' own error instead.
        if (Runner.Stopped)
        {
            return false;
        }

        var certificates = caCertificates;
        if (certificates is null)
        {
            try
            {
                certificates = Network.CaCertificates.Load(CaCertificateSources());
            }
            catch (CryptographicException e)
            {
                Runner.Context.Log.WriteLine($"error: the server's certificate is refused: the job's CA certificates are unusable: {Runner.Scrub(e.Message)}");
                return false;
            }

            caCertificates = certificates;
        }

        return certificates.Validate(certificate, chain, sslPolicyErrors);
    }

    /// <summary>
    /// Makes an <see cref="HttpClient"/> that goes through the job's proxies, trusts the job's CA
    /// certificates on top of the system's (validation stays on) and gives up after a timeout.
    /// </summary>
    /// <param name="timeout">The whole-request timeout; <see cref="DefaultHttpTimeout"/> when null.</param>
    /// <returns>A new client; dispose it when done.</returns>
    /// <exception cref="JobStoppedException">The job has ended, or the proxies or CA certificates are unusable (the error output says which): let it through.</exception>
    protected HttpClient CreateHttpClient(TimeSpan? timeout = null)
    {
        ThrowIfStopped();
        IWebProxy? proxy;
        try
        {
            proxy = JobProxy.Create(HttpProxy, HttpsProxy, GetEnv("no_proxy") ?? GetEnv("NO_PROXY"));
        }
        catch (FormatException e)
        {
            throw Fail(e.Message);
        }

        var certificates = Certificates;
        var handler = new SocketsHttpHandler
        {
            Proxy = proxy ?? HttpClient.DefaultProxy,
            ConnectTimeout = timeout ?? DefaultHttpTimeout,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) => certificates.Validate(certificate, chain, errors),
            },
        };
        return new HttpClient(handler, disposeHandler: true) { Timeout = timeout ?? DefaultHttpTimeout };
    }

    private CaCertificates LoadCaCertificates()
    {
        try
        {
            return Network.CaCertificates.Load(CaCertificateSources());
        }
        catch (CryptographicException e)
        {
            throw Fail(e.Message);
        }
    }

    private List<(string Source, string Pem)> CaCertificateSources()
    {
        var sources = new List<(string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void AddFile(string? path)
        {
            if (!string.IsNullOrEmpty(path) && File.Exists(path) && seen.Add(Path.GetFullPath(path)))
            {
                sources.Add((path, File.ReadAllText(path)));
            }
        }

        if (JobDirectory is not null)
        {
            AddFile(JobFolder.CaCertificatesFile(JobDirectory));
        }

        AddFile(Runner.Context.GetEnvironmentVariable(JobFolder.CaBundleVariable));
        if (ParamPath.Find(Input, "config.cacerts") is { Type: JTokenType.String } value && ((string)value!).Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            sources.Add(("config.cacerts", (string)value!));
        }

        return sources;
    }
}
