using Cortex.Responders;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Cortex.Responders.Network;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.MSDefenderEndpoints;

/// <summary>
/// A drop-in for Cortex-Analyzers' MSDefenderEndpoints (its twelve flavors, configuration and tags): on a TheHive
/// observable, it takes a v1 client-credentials token for the Defender for Endpoint API, then either acts on the
/// machine an ip or hostname names (isolate, release, full scan, restrict or lift app execution, automated
/// investigation) or adds the observable to the tenant's indicators with the flavor's action. Unlike the
/// original, a machine that cannot be told apart from another, a hash of no known length or an indicator that
/// Defender refuses ends the job with an error instead of a report, and each request is named before it is sent.
/// </summary>
public sealed class MSDefenderEndpointsResponder : Responder
{
    /// <summary>How far back the IP lookup looks: Defender finds the machines seen ±15 minutes around this time, the original's choice.</summary>
    internal static readonly TimeSpan LookBack = TimeSpan.FromHours(1);

    /// <summary>Each request's timeout; tests shorten it to see a silent network fail quickly.</summary>
    internal static TimeSpan? RequestTimeout { get; set; }

    private DefenderAction? action;

    /// <summary>
    /// The usual secret phrases but "auth": config.oAuthUri is the public login URL, and masking its value would
    /// take the host name out of every error message (the secret is config.appSecret, still masked).
    /// </summary>
    protected override IEnumerable<string> SecretPhrases => base.SecretPhrases.Where(phrase => phrase != "auth");

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        if (DataType != DataTypes.Observable)
        {
            throw Fail($"MSDefenderEndpoints acts on an observable ({DataTypes.Observable}), not on {DataType}");
        }

        var service = RequireParam<string>("config.service", "config.service is missing: run one of the MSDefender-* flavors, which set it");
        action = DefenderActions.ByService.GetValueOrDefault(service)
            ?? throw Fail($"config.service \"{service}\" is not a service of MSDefenderEndpoints: use one of {string.Join(", ", DefenderActions.ByService.Keys)}");
        var type = RequireParam<string>("data.dataType", "the observable has no dataType");
        var value = RequireParam<string>("data.data", "the observable has no value (data.data): MSDefenderEndpoints needs an ip, hostname, url, domain, fqdn or hash");
        if (!DefenderActions.ByObservableType.TryGetValue(type, out var services))
        {
            throw Fail($"MSDefenderEndpoints does not take {type} observables: only {string.Join(", ", DefenderActions.ByObservableType.Keys)}");
        }

        if (!services.Contains(service))
        {
            throw Fail($"{service} does not apply to a {type} observable; for a {type}, run {string.Join(", ", services)}");
        }

        var caseId = RequireParam<JValue>("data.case.caseId", "the observable carries no case (data.case.caseId): run the responder on an observable of a case").ToString(CultureInfo.InvariantCulture);
        var caseTitle = RequireParam<string>("data.case.title", "the observable's case has no title (data.case.title)");
        var tenant = RequireParam<string>("config.tenantId", "tenantId is missing: set the Entra tenant id in the responder's configuration");
        var appId = RequireParam<string>("config.appId", "appId is missing: set the app registration's client id in the responder's configuration");
        var secret = RequireParam<string>("config.appSecret", "appSecret is missing: set the app registration's client secret in the responder's configuration");
        var resource = RequireParam<string>("config.resourceAppIdUri", "resourceAppIdUri is missing: set it to https://api.security.microsoft.com (or your region's API)");
        var login = RequireParam<string>("config.oAuthUri", "oAuthUri is missing: set it to https://login.microsoftonline.com");

        // Checked before the token is asked for, so that nothing is sent for an observable that cannot work.
        var indicatorType = action.OnMachine ? null : IndicatorType(type, value);
        if (action.OnMachine && type == ObservableTypes.Ip && !IPAddress.TryParse(value, out _))
        {
            throw Fail($"\"{value}\" is not an IP address: fix the observable, or type it as a hostname");
        }

        using var http = CreateHttp(RequestTimeout);
        http.BaseAddress = new Uri(resource.TrimEnd('/') + "/api/v1.0/");
        await http.UseResourceTokenAsync($"{login.TrimEnd('/')}/{Uri.EscapeDataString(tenant)}/oauth2/token", appId, secret, resource, cancellationToken);

        if (action.OnMachine)
        {
            var machine = await FindMachineAsync(http, type, value, cancellationToken);
            await ActOnMachineAsync(http, action, machine, value, caseId, cancellationToken);
        }
        else
        {
            await PushIndicatorAsync(http, action, indicatorType!, value, caseId, caseTitle, cancellationToken);
        }
    }

    protected override IEnumerable<Operation> Operations(JObject full) =>
        action?.Tag is { } tag ? [Operation.AddTagToArtifact(tag)] : [];

    /// <summary>The indicator type Defender wants for an observable: a hash by its length, the others by their type.</summary>
    private string IndicatorType(string type, string value) => type switch
    {
        ObservableTypes.Ip => IPAddress.TryParse(value, out var ip) && ip.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6
            ? "IpAddress"
            : throw Fail($"\"{value}\" is not an IP address: fix the observable"),
        ObservableTypes.Url => "Url",
        ObservableTypes.Domain or ObservableTypes.Fqdn => "DomainName",
        ObservableTypes.Hash => value.Trim().Length switch
        {
            32 => "FileMd5",
            40 => "FileSha1",
            64 => "FileSha256",
            var length => throw Fail($"the hash \"{value}\" has {length} characters: Defender takes an MD5 (32), SHA-1 (40) or SHA-256 (64) hash"),
        },
        _ => throw Fail($"{type} observables cannot be Defender indicators"),
    };

    /// <summary>The one machine an IP (seen around an hour ago) or a DNS name designates.</summary>
    private async Task<(string Id, string Name)> FindMachineAsync(JobHttp http, string type, string value, CancellationToken cancellationToken)
    {
        string url;
        string where;
        if (type == ObservableTypes.Ip)
        {
            var time = (DateTime.UtcNow - LookBack).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            url = $"machines/findbyip(ip='{value}',timestamp={time})";
            where = $"seen with the IP {value} around {time}";
        }
        else
        {
            url = "machines?$filter=" + Uri.EscapeDataString($"computerDnsName eq '{value.Replace("'", "''", StringComparison.Ordinal)}'");
            where = $"named {value}";
        }

        var answer = await http.GetJsonAsync(url, cancellationToken);
        var machines = (answer?["value"] as JArray ?? [])
            .OfType<JObject>()
            .Where(machine => machine["id"] is JValue { Type: JTokenType.String })
            .DistinctBy(machine => (string)machine["id"]!)
            .ToList();
        if (machines.Count == 0)
        {
            throw Fail($"Defender for Endpoint knows no machine {where}: check the observable, and that the machine is onboarded");
        }

        if (machines.Count > 1)
        {
            var names = string.Join(", ", machines.Take(5).Select(machine => $"{(string?)machine["computerDnsName"] ?? "?"} ({(string)machine["id"]!})"));
            throw Fail($"Defender for Endpoint knows {machines.Count} machines {where} ({names}): nothing was done, act on the machine by its hostname");
        }

        // The machine's own id, which every machine action takes (the original preferred aadDeviceId when set).
        var found = machines[0];
        return ((string)found["id"]!, (string?)found["computerDnsName"] ?? value);
    }

    private async Task ActOnMachineAsync(JobHttp http, DefenderAction act, (string Id, string Name) machine, string observable, string caseId, CancellationToken cancellationToken)
    {
        var body = new JObject { ["Comment"] = $"TheHive case {caseId}: {act.Verb} this machine (Cortex responder, {act.Service})" };
        if (act.Extra is { } extra)
        {
            body[extra.Name] = extra.Value;
        }

        var path = $"machines/{Uri.EscapeDataString(machine.Id)}/{act.Endpoint}";
        var bytes = CortexJson.Serialize(body);
        RecordAction($"asked Defender for Endpoint to {act.Verb} machine {machine.Name} ({machine.Id})");
        using var response = await http.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = new ByteArrayContent(bytes) { Headers = { ContentType = new("application/json") { CharSet = "utf-8" } } },
                Headers = { Accept = { new("application/json") } },
            },
            cancellationToken,
            HttpStatusCode.BadRequest);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!text.Contains("ActiveRequestAlreadyExists", StringComparison.Ordinal))
            {
                throw Fail($"POST {http.BaseAddress}{path} answered 400 Bad Request: {Clip(text)}");
            }

            Report(new JObject
            {
                ["message"] = $"Defender for Endpoint already has a pending request to {act.Verb} machine {machine.Name}: nothing new was asked",
                ["observable"] = observable,
                ["machineId"] = machine.Id,
                ["computerDnsName"] = machine.Name,
                ["status"] = "ActiveRequestAlreadyExists",
            });
            return;
        }

        var answer = await http.ReadJsonAsync(response, cancellationToken) as JObject;
        Report(new JObject
        {
            ["message"] = $"Defender for Endpoint was asked to {act.Verb} machine {machine.Name}",
            ["observable"] = observable,
            ["machineId"] = machine.Id,
            ["computerDnsName"] = machine.Name,
            ["machineActionId"] = answer?["id"],
            ["status"] = answer?["status"],
        });
    }

    private async Task PushIndicatorAsync(
        JobHttp http, DefenderAction act, string indicatorType, string value, string caseId, string caseTitle, CancellationToken cancellationToken)
    {
        var body = new JObject
        {
            ["indicatorValue"] = value,
            ["indicatorType"] = indicatorType,
            ["action"] = act.IndicatorAction,
            ["title"] = $"TheHive IOC: {caseTitle}",
            ["severity"] = act.Severity,
            ["description"] = $"TheHive case: {caseTitle} - caseId {caseId}",
            ["recommendedActions"] = "N/A",
            ["generateAlert"] = act.GenerateAlert,
        };
        RecordAction($"asked Defender for Endpoint to add the indicator {value} ({indicatorType}) with the action {act.IndicatorAction}");
        var answer = await http.PostJsonAsync("indicators", body, cancellationToken) as JObject;
        Report(new JObject
        {
            ["message"] = $"{value} is now a Defender for Endpoint indicator ({indicatorType}) with the action {act.IndicatorAction}",
            ["observable"] = value,
            ["indicatorId"] = answer?["id"],
            ["indicatorType"] = indicatorType,
            ["action"] = act.IndicatorAction,
            ["severity"] = act.Severity,
            ["generateAlert"] = act.GenerateAlert,
        });
    }

    private static string Clip(string text)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length == 0 ? "an empty body" : line.Length <= JobHttp.ExcerptLength ? line : line[..JobHttp.ExcerptLength] + "…";
    }
}
