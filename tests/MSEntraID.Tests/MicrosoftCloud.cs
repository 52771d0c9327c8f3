using Cortex.Responders;
using Cortex.Responders.Testing.Http;
using Cortex.Responders.TestSupport.Network;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.MSEntraID.Tests;

/// <summary>
/// The Microsoft cloud as a corporate network reaches it: a local HTTPS server (the testing package's HTTP peer)
/// presenting a certificate for login.microsoftonline.com and graph.microsoft.com signed by the organisation's
/// test CA, behind a CONNECT proxy that hands it every tunnel.
/// </summary>
internal sealed class MicrosoftCloud : IAsyncDisposable
{
    public const string Tenant = "0f3c2a9e-5b1d-4c77-9e0a-1d2b3c4d5e6f";
    public const string ClientId = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    public const string ClientSecret = "Qx8~graph.Secret_Value-77";
    public const string Token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.graph-token.sig";
    public const string UserId = "87d349ed-44d7-43e1-9a83-5f2406dee5bd";

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

    /// <summary>The v2 token endpoint's answer, as Entra ID gives it.</summary>
    public static HttpPeerAnswer TokenAnswer() =>
        HttpPeerAnswer.Json($"{{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,\"access_token\":\"{Token}\"}}");

    /// <summary>Graph's answer to GET users/{upn}?$select=id.</summary>
    public static HttpPeerAnswer UserLookup() =>
        HttpPeerAnswer.Json($"{{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#users(id)/$entity\",\"id\":\"{UserId}\"}}");

    /// <summary>Graph's answer to GET users/{id}?$select=accountEnabled.</summary>
    public static HttpPeerAnswer AccountEnabled(bool enabled) =>
        HttpPeerAnswer.Json($"{{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#users(accountEnabled)/$entity\",\"accountEnabled\":{(enabled ? "true" : "false")}}}");

    /// <summary>Graph's 204 to a PATCH.</summary>
    public static HttpPeerAnswer NoContent() => new(204);

    /// <summary>Graph's error body.</summary>
    public static HttpPeerAnswer GraphError(int status, string code, string message) =>
        HttpPeerAnswer.Json(new JObject { ["error"] = new JObject { ["code"] = code, ["message"] = message } }.ToString(), status);

    /// <summary>A job for <paramref name="service"/> on an observable, through the corporate proxy with the CA.</summary>
    public JObject Job(string service, string value, string type = "mail", string? proxyUrl = null) => new()
    {
        ["data"] = new JObject
        {
            ["_id"] = "~8392",
            ["_type"] = "Observable",
            ["dataType"] = type,
            ["data"] = value,
            ["tlp"] = 2,
            ["pap"] = 2,
            ["case"] = new JObject { ["_id"] = "~41156688", ["caseId"] = 157, ["title"] = "Account takeover" },
        },
        ["dataType"] = "thehive:case_artifact",
        ["tlp"] = 2,
        ["pap"] = 2,
        ["config"] = Network.Configure(
            new JObject
            {
                ["service"] = service,
                ["tenant_id"] = Tenant,
                ["client_id"] = ClientId,
                ["client_secret"] = ClientSecret,
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
