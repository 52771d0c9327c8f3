using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cortex.Responders.TestSupport;

/// <summary>A private CA made for the test, and server certificates it signs.</summary>
public sealed class TestCertificates : IDisposable
{
    private readonly RSA caKey = RSA.Create(2048);

    public TestCertificates(string caName = "Cortex.Responders Test CA")
    {
        var request = new CertificateRequest($"CN={caName}", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    public X509Certificate2 Authority { get; }

    public string AuthorityPem => Authority.ExportCertificatePem();

    /// <summary>A server certificate for <paramref name="hostName"/> (and 127.0.0.1) signed by this CA, with its key.</summary>
    public X509Certificate2 IssueServer(string hostName = "localhost") => IssueServerFor([hostName]);

    /// <summary>One server certificate for all of <paramref name="hostNames"/> (the first is its CN; 127.0.0.1 too with localhost) signed by this CA, with its key.</summary>
    public X509Certificate2 IssueServerFor(IReadOnlyList<string> hostNames)
    {
        var hostName = hostNames[0];
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={hostName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in hostNames)
        {
            names.AddDnsName(name);
        }

        if (hostNames.Contains("localhost"))
        {
            names.AddIpAddress(System.Net.IPAddress.Loopback);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Authority, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        using var issued = request.Create(Authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10), serial);
        using var withKey = issued.CopyWithPrivateKey(key);

        // Kestrel on Linux wants a certificate whose key is not ephemeral: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>A server certificate and its private key as PEM files in <paramref name="directory"/>, for a peer that is not .NET.</summary>
    /// <returns>The paths of the certificate and of the key.</returns>
    public (string Certificate, string Key) IssueServerPemFiles(string directory, string hostName = "localhost")
    {
        using var certificate = IssueServer(hostName);
        using var key = certificate.GetRSAPrivateKey()!;
        var certificatePath = Path.Combine(directory, $"{hostName}.crt");
        var keyPath = Path.Combine(directory, $"{hostName}.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem() + "\n" + AuthorityPem);
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }

    public void Dispose()
    {
        Authority.Dispose();
        caKey.Dispose();
    }
}
