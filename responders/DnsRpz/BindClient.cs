using System.Net;
using System.Net.Sockets;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using ARSoft.Tools.Net.Dns.DynamicUpdate;

namespace Cortex.Workers.Responders.DnsRpz;

/// <summary>
/// The BIND primary of the policy zone, asked over TCP (as the original does) with every message signed by the
/// TSIG key: whether a name is in the zone, then the dynamic update that adds it. Every refusal ends the job
/// through <c>fail</c> with one line that says what to fix. Each message goes on a connection of its own: the
/// library resends a message whose pooled connection failed, and an update must be sent once.
/// </summary>
internal sealed class BindClient
{
    /// <summary>The TTL of the records the responder adds, the original's.</summary>
    public const int RecordTtl = 30;

    private static readonly TimeSpan Fudge = TimeSpan.FromMinutes(5);

    private readonly RpzSettings settings;
    private readonly Func<string, Exception> fail;
    private readonly IPAddress address;
    private readonly int timeoutMilliseconds;

    private BindClient(RpzSettings settings, IPAddress address, int timeoutMilliseconds, Func<string, Exception> fail)
    {
        this.settings = settings;
        this.address = address;
        this.timeoutMilliseconds = timeoutMilliseconds;
        this.fail = fail;
    }

    /// <summary>A client of <c>bind_server</c>; a host name is resolved by the system's resolver (it names the server, not the blocked name).</summary>
    public static async Task<BindClient> ConnectAsync(RpzSettings settings, TimeSpan timeout, Func<string, Exception> fail, CancellationToken cancellationToken)
    {
        if (!IPAddress.TryParse(settings.Server, out var address))
        {
            IPAddress[] addresses;
            try
            {
                addresses = await Dns.GetHostAddressesAsync(settings.Server, cancellationToken);
            }
            catch (SocketException e)
            {
                throw fail($"bind_server {settings.Server} does not resolve ({e.SocketErrorCode}): give the BIND primary's IP address or a name the system resolves");
            }

            address = addresses.OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1).FirstOrDefault()
                ?? throw fail($"bind_server {settings.Server} resolves to no address: give the BIND primary's IP address");
        }

        return new BindClient(settings, address, (int)timeout.TotalMilliseconds, fail);
    }

    /// <summary>
    /// Whether <paramref name="owner"/> already has an A record in the policy zone, asked of BIND itself (not of
    /// the system's resolver), without recursion: the zone's own data, not a rewritten answer.
    /// </summary>
    public async Task<bool> HasAddressAsync(DomainName owner, CancellationToken cancellationToken)
    {
        var query = new DnsMessage { IsQuery = true, IsRecursionDesired = false };
        query.Questions.Add(new DnsQuestion(owner, RecordType.A, RecordClass.INet));
        Sign(query);
        using var client = Connect();
        var answer = await client.SendMessageAsync(query, cancellationToken)
            ?? throw fail($"BIND at {settings.Endpoint} did not answer the lookup of {owner} over TCP: check bind_server and that BIND listens there");
        CheckKey(answer, $"the lookup of {owner}");
        switch (answer.ReturnCode)
        {
            case ReturnCode.NoError when answer.AnswerRecords.OfType<ARecord>().Any(r => r.Name.Equals(owner, false)):
                return true;
            case ReturnCode.NoError or ReturnCode.NxDomain when ServesZone(answer):
                return false;
            case ReturnCode.NoError or ReturnCode.NxDomain or ReturnCode.Refused:
                throw fail($"BIND at {settings.Endpoint} does not serve the zone {settings.Zone} "
                    + $"(it answered {Describe(answer.ReturnCode)} to the lookup of {owner}): check rpz_zonename");
            default:
                throw fail($"BIND at {settings.Endpoint} answered {Describe(answer.ReturnCode)} to the lookup of {owner}: see BIND's log");
        }
    }

    /// <summary>Adds <c>owner A remediation_ip</c> to the policy zone by a TSIG-signed dynamic update (RFC 2136).</summary>
    public async Task AddAddressAsync(DomainName owner, CancellationToken cancellationToken)
    {
        var update = new DnsUpdateMessage { ZoneName = settings.Zone };
        update.Updates.Add(new AddRecordUpdate(new ARecord(owner, RecordTtl, settings.RemediationIp)));
        Sign(update);
        using var client = Connect();
        var answer = await client.SendUpdateAsync(update, cancellationToken)
            ?? throw fail($"BIND at {settings.Endpoint} did not answer the update of {settings.Zone} over TCP: see BIND's log");
        CheckKey(answer, $"the update of {settings.Zone}");
        switch (answer.ReturnCode)
        {
            case ReturnCode.NoError:
                return;
            case ReturnCode.Refused:
                throw fail($"BIND at {settings.Endpoint} refused the update of {settings.Zone}: "
                    + $"let the key {settings.KeyName} update the zone (update-policy {{ grant {settings.KeyName} zonesub ANY; }})");
            case ReturnCode.NotAuthoritive or ReturnCode.NotZone:
                throw fail($"BIND at {settings.Endpoint} is not the primary of {settings.Zone} "
                    + $"(it answered {Describe(answer.ReturnCode)} to the update): point bind_server at the zone's primary");
            default:
                throw fail($"BIND at {settings.Endpoint} answered {Describe(answer.ReturnCode)} to the update of {settings.Zone}: see BIND's log");
        }
    }

    private static string Describe(ReturnCode code) => code switch
    {
        ReturnCode.NoError => "NOERROR",
        ReturnCode.FormatError => "FORMERR",
        ReturnCode.ServerFailure => "SERVFAIL",
        ReturnCode.NxDomain => "NXDOMAIN",
        ReturnCode.NotImplemented => "NOTIMP",
        ReturnCode.Refused => "REFUSED",
        ReturnCode.NotAuthoritive => "NOTAUTH",
        ReturnCode.NotZone => "NOTZONE",
        _ => code.ToString().ToUpperInvariant(),
    };

    /// <summary>A client whose only transport is a new TCP one: its pool is empty, so it connects once and sends once.</summary>
    private DnsClient Connect() => new([address], [new TcpClientTransport(settings.Port)], true, timeoutMilliseconds);

    /// <summary>A negative answer from the zone itself carries the zone's SOA in its authority section.</summary>
    private bool ServesZone(DnsMessage answer) =>
        answer.IsAuthoritiveAnswer && answer.AuthorityRecords.OfType<SoaRecord>().Any(soa => soa.Name.Equals(settings.Zone, false));

    private void Sign(DnsMessageBase message) =>
        message.TSigOptions = new TSigRecord(settings.KeyName, settings.Algorithm, DateTime.UtcNow, Fudge, message.TransactionID, ReturnCode.NoError, null, settings.Key);

    /// <summary>BIND's TSIG verdict on the request: an unknown key, a wrong secret or algorithm, or a clock too far off.</summary>
    private void CheckKey(DnsMessageBase answer, string what)
    {
        var error = answer.TSigOptions?.Error ?? ReturnCode.NoError;
        if (error == ReturnCode.NoError && answer.ReturnCode != ReturnCode.NotAuthoritive)
        {
            return;
        }

        var reason = error switch
        {
            ReturnCode.BadKey => $"it knows no key {settings.KeyName} of that algorithm (BADKEY): check tsig_keyname and tsig_hashalg",
            ReturnCode.BadSig => $"the signature with the key {settings.KeyName} does not verify (BADSIG): check tsig_keyval and tsig_hashalg",
            ReturnCode.BadTime => "the signature's time is more than 5 minutes from BIND's clock (BADTIME): check both clocks",
            ReturnCode.NoError when answer.TSigOptions is null => "it answered NOTAUTH without a signature: check tsig_keyname, tsig_keyval and tsig_hashalg",
            ReturnCode.NoError => null,
            _ => $"it answered TSIG error {error.ToString().ToUpperInvariant()}: check the TSIG key settings",
        };
        if (reason is not null)
        {
            throw fail($"BIND at {settings.Endpoint} refused {what} signed with the key {settings.KeyName}: {reason}");
        }
    }
}
