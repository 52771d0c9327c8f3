using System.Globalization;
using ARSoft.Tools.Net;
using Cortex.Responders;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.DnsRpz;

/// <summary>
/// A drop-in for Cortex-Analyzers' DNS-RPZ (its flavor, configuration and tag): on a <c>domain</c> observable it
/// asks the BIND primary whether the name is already in the response policy zone and, if not, adds
/// <c>&lt;domain&gt;.&lt;zone&gt; A &lt;remediation_ip&gt;</c> by a TSIG-signed dynamic update, so that BIND's
/// resolvers answer the remediation address for it. Unlike the original, the lookup asks BIND, not the system's
/// resolver, and every refusal (key, zone, update policy) is one line that says what to fix.
/// </summary>
public sealed class DnsRpzResponder : Responder
{
    /// <summary>The tag the original puts on the observable.</summary>
    internal const string BlockedTag = "DNS-RPZ:blocked";

    /// <summary>How long each message to BIND may take; tests shorten it.</summary>
    internal static TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The default phrases but <c>key</c>, which would mask <c>tsig_keyname</c> (a name BIND logs, that the messages
    /// must show), with <c>keyval</c> for the secret: the secret is masked all the same.
    /// </summary>
    protected override IEnumerable<string> SecretPhrases => base.SecretPhrases.Where(phrase => phrase != "key").Append("keyval");

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        if (DataType != DataTypes.Observable)
        {
            throw Fail($"DNS-RPZ acts on an observable ({DataTypes.Observable}), not on {DataType}");
        }

        var type = RequireParam<string>("data.dataType", "the observable has no dataType");
        if (type != ObservableTypes.Domain)
        {
            throw Fail($"DNS-RPZ blocks domain observables, not {type}: run it on a domain");
        }

        var domain = DomainNames.Parse(RequireParam<string>("data.data", "the observable has no value (data.data): DNS-RPZ needs the domain to block"), message => Fail(message));
        var settings = RpzSettings.Read(
            (name, what) => RequireParam<string>($"config.{name}", $"{name} is missing: set {what} in the responder's configuration"),
            message => Fail(message));
        if (domain.Length + 1 + settings.Zone.ToString().Length > DomainNames.MaxLength)
        {
            throw Fail($"{domain} in the zone {settings.Zone} is longer than a DNS name may be ({DomainNames.MaxLength} characters)");
        }

        var owner = DomainName.Parse(domain) + settings.Zone;
        var bind = await BindClient.ConnectAsync(settings, RequestTimeout, message => Fail(message), cancellationToken);
        var record = $"{owner} {BindClient.RecordTtl} A {settings.RemediationIp}";
        if (await bind.HasAddressAsync(owner, cancellationToken))
        {
            Report(Result($"{domain} is already blocked in {settings.Zone} on {settings.Endpoint}: nothing was changed", domain, record, settings, false));
            return;
        }

        RecordAction($"asked BIND at {settings.Endpoint} to add {record}");
        await bind.AddAddressAsync(owner, cancellationToken);
        Report(Result($"{domain} is blocked in {settings.Zone} on {settings.Endpoint}: it resolves to {settings.RemediationIp}", domain, record, settings, true));
    }

    protected override IEnumerable<Operation> Operations(JObject full) => [Operation.AddTagToArtifact(BlockedTag)];

    private static JObject Result(string message, string domain, string record, RpzSettings settings, bool added) => new()
    {
        ["message"] = message,
        ["domain"] = domain,
        ["zone"] = settings.Zone.ToString(),
        ["server"] = settings.Endpoint,
        ["record"] = record,
        ["added"] = added,
        ["ttl"] = BindClient.RecordTtl.ToString(CultureInfo.InvariantCulture),
    };
}
