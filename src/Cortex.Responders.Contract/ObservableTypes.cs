namespace Cortex.Responders;

/// <summary>
/// The observable types an analyzer runs on, as Cortex names them in a job's <c>dataType</c>, a flavor's
/// <c>dataTypeList</c> and an artifact's <c>dataType</c>: TheHive's default types. Responders run on TheHive
/// objects instead (<see cref="DataTypes"/>).
/// </summary>
public static class ObservableTypes
{
    /// <summary>An IPv4 or IPv6 address.</summary>
    public const string Ip = "ip";

    /// <summary>A URL.</summary>
    public const string Url = "url";

    /// <summary>A domain name (one label and a top-level domain).</summary>
    public const string Domain = "domain";

    /// <summary>A fully qualified domain name.</summary>
    public const string Fqdn = "fqdn";

    /// <summary>A host name.</summary>
    public const string Hostname = "hostname";

    /// <summary>An MD5, SHA-1 or SHA-256 hash.</summary>
    public const string Hash = "hash";

    /// <summary>A mail address.</summary>
    public const string Mail = "mail";

    /// <summary>A mail subject.</summary>
    public const string MailSubject = "mail_subject";

    /// <summary>An HTTP user agent.</summary>
    public const string UserAgent = "user-agent";

    /// <summary>The path (and scheme) of a URI that is not an http(s) URL.</summary>
    public const string UriPath = "uri_path";

    /// <summary>A Windows registry key.</summary>
    public const string Registry = "registry";

    /// <summary>A file: Cortex writes it into the job's <c>input/</c> folder and names it in the input's <c>file</c>.</summary>
    public const string File = "file";

    /// <summary>A file name.</summary>
    public const string Filename = "filename";

    /// <summary>An autonomous system number.</summary>
    public const string AutonomousSystem = "autonomous-system";

    /// <summary>A regular expression.</summary>
    public const string Regexp = "regexp";

    /// <summary>Anything else.</summary>
    public const string Other = "other";

    /// <summary>Every observable type above.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Ip, Url, Domain, Fqdn, Hostname, Hash, Mail, MailSubject, UserAgent, UriPath, Registry, File, Filename, AutonomousSystem, Regexp, Other];

    /// <summary>Whether <paramref name="dataType"/> is one of <see cref="All"/>.</summary>
    /// <param name="dataType">A data type.</param>
    /// <returns>True for an observable type.</returns>
    public static bool IsObservableType(string? dataType) => dataType is not null && All.Contains(dataType, StringComparer.Ordinal);
}
