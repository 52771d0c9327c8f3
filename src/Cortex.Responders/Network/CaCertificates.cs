using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cortex.Responders.Network;

/// <summary>
/// The CA certificates an organisation gave Cortex, which Cortex hands over as input/cacerts and
/// REQUESTS_CA_BUNDLE (only Python requests reads them on its own). Servers are trusted when their chain
/// is valid with the system's roots, or with these; host names are always checked.
/// </summary>
internal sealed class CaCertificates
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1", "Server Authentication");

    private CaCertificates(X509Certificate2Collection certificates) => Certificates = certificates;

    public X509Certificate2Collection Certificates { get; }

    /// <summary>Loads every PEM certificate of the given sources (files and PEM texts; missing ones skipped).</summary>
    /// <exception cref="CryptographicException">A source holds text that is not PEM certificates.</exception>
    public static CaCertificates Load(IEnumerable<(string Source, string Pem)> sources)
    {
        var certificates = new X509Certificate2Collection();
        foreach (var (source, pem) in sources)
        {
            var expected = pem.Split("-----BEGIN CERTIFICATE-----").Length - 1;
            var before = certificates.Count;
            try
            {
                certificates.ImportFromPem(pem);
            }
            catch (CryptographicException e)
            {
                throw new CryptographicException($"the CA certificates in {source} cannot be read: {e.Message}", e);
            }

            if (certificates.Count - before < Math.Max(expected, 1))
            {
                throw new CryptographicException(
                    $"the CA certificates in {source} cannot be read: {certificates.Count - before} of {Math.Max(expected, 1)} PEM certificates are valid");
            }
        }

        return new CaCertificates(certificates);
    }

    public bool Validate(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        // Only an unknown issuer can be cured by the job's CAs; a wrong host name or a missing certificate cannot.
        if (certificate is null || errors != SslPolicyErrors.RemoteCertificateChainErrors || Certificates.Count == 0)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(Certificates);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.ApplicationPolicy.Add(ServerAuthentication);
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(leaf);
    }
}
