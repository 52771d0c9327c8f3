using Cortex.Responders;
using Cortex.Responders.Testing.Http;
using Cortex.Responders.TestSupport.Network;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.MSDefenderEndpoints.Tests;

/// <summary>
/// The Microsoft cloud as a corporate network reaches it: a local HTTPS server (the testing package's HTTP peer)
/// presenting a certificate for login.microsoftonline.com, api.security.microsoft.com… signed by the
/// organisation's test CA, behind a CONNECT proxy that hands it every tunnel.
/// </summary>
internal sealed class MicrosoftCloud : IAsyncDisposable
{
    public const string Tenant = "0f3c2a9e-5b1d-4c77-9e0a-1d2b3c4d5e6f";
    public const string AppId = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    public const string AppSecret = "s3cr3t~AppSecret.Value-42";
    public const string Token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.defender-token.sig";

    private MicrosoftCloud(CorporateNetwork network, HttpPeer peer)
    {
        Network = network;
        Peer = peer;
    }

    public CorporateNetwork Network { get; }

    public HttpPeer Peer { get; }

    public ConnectProxy Proxy => Network.Proxy;

    public static async Task<MicrosoftCloud> StartAsync()
    {
        var network = new CorporateNetwork(CorporateNetwork.MicrosoftHosts);
        var peer = await HttpPeer.StartAsync(network.ServerCertificate);
        network.StartProxy(peer.Address.Port);
        return new MicrosoftCloud(network, peer);
    }

    /// <summary>The v1 token endpoint's answer, as Entra ID gives it (expires_in as a string).</summary>
    public static HttpPeerAnswer TokenAnswer() =>
        HttpPeerAnswer.Json($"{{\"token_type\":\"Bearer\",\"expires_in\":\"3599\",\"ext_expires_in\":\"3599\",\"resource\":\"https://api.security.microsoft.com\",\"access_token\":\"{Token}\"}}");

    /// <summary>A machines collection of one machine.</summary>
    public static HttpPeerAnswer Machines(params (string Id, string Name)[] machines) =>
        HttpPeerAnswer.Json(new JObject
        {
            ["@odata.context"] = "https://api.security.microsoft.com/api/v1.0/$metadata#Machines",
            ["value"] = new JArray(machines.Select(m => new JObject
            {
                ["id"] = m.Id,
                ["computerDnsName"] = m.Name,
                ["osPlatform"] = "Windows11",
                ["healthStatus"] = "Active",
                ["aadDeviceId"] = "80fe8ff8-aaaa-bbbb-cccc-000000000001",
            })),
        }.ToString());

    /// <summary>A MachineAction as Defender answers a machine action (201).</summary>
    public static HttpPeerAnswer MachineAction(string type) =>
        HttpPeerAnswer.Json($"{{\"id\":\"5382f7ea-7557-4ab7-9782-d50480024a4e\",\"type\":\"{type}\",\"status\":\"Pending\",\"machineId\":\"1e5bc9d7e413ddd7902c2932e418702b84d0cc07\"}}", 201);

    /// <summary>A job for <paramref name="service"/> on an observable, through the corporate proxy with the CA.</summary>
    public JObject Job(string service, string type, string value, string? proxyUrl = null) => new()
    {
        ["data"] = new JObject
        {
            ["_id"] = "~8392",
            ["_type"] = "Observable",
            ["dataType"] = type,
            ["data"] = value,
            ["tlp"] = 2,
            ["pap"] = 2,
            ["case"] = new JObject { ["_id"] = "~41156688", ["caseId"] = 157, ["title"] = "Ransomware on finance laptops" },
        },
        ["dataType"] = "thehive:case_artifact",
        ["tlp"] = 2,
        ["pap"] = 2,
        ["config"] = Network.Configure(
            new JObject
            {
                ["service"] = service,
                ["tenantId"] = Tenant,
                ["appId"] = AppId,
                ["appSecret"] = AppSecret,
                ["resourceAppIdUri"] = "https://api.security.microsoft.com",
                ["oAuthUri"] = "https://login.microsoftonline.com",
                ["jobTimeout"] = 10,
            },
            proxyUrl),
    };

    public async ValueTask DisposeAsync()
    {
        await Network.DisposeAsync();
        await Peer.DisposeAsync();
    }
}
