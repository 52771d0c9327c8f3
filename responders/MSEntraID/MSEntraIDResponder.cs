using Cortex.Responders;
using System.Globalization;
using System.Net;
using Cortex.Responders.Network;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.MSEntraID;

/// <summary>
/// A drop-in for Cortex-Analyzers' MSEntraID (its five flavors, configuration and tags): on a <c>mail</c>
/// observable naming a user (user principal name, or object id), it takes a Microsoft Graph token by client
/// credentials, resolves the user, then revokes their sign-in sessions, forces a password change (with or without
/// MFA) or enables or disables the account, the last two only when the account is not already so. Unlike the
/// original, every service checks the observable's type, and a Graph refusal is one line naming the request.
/// </summary>
public sealed class MSEntraIDResponder : Responder
{
    internal const string Login = "https://login.microsoftonline.com";
    internal const string Graph = "https://graph.microsoft.com/v1.0/";
    internal const string GraphScope = "https://graph.microsoft.com/.default";

    /// <summary>Each request's timeout; tests shorten it to see a silent network fail quickly.</summary>
    internal static TimeSpan? RequestTimeout { get; set; }

    private string? service;

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        if (DataType != DataTypes.Observable)
        {
            throw Fail($"MSEntraID acts on an observable ({DataTypes.Observable}), not on {DataType}");
        }

        service = RequireParam<string>("config.service", "config.service is missing: run one of the MSEntraID_* flavors, which set it");
        if (!EntraService.All.Contains(service))
        {
            throw Fail($"config.service \"{service}\" is not a service of MSEntraID: use one of {string.Join(", ", EntraService.All)}");
        }

        var type = RequireParam<string>("data.dataType", "the observable has no dataType");
        if (type != ObservableTypes.Mail)
        {
            throw Fail($"MSEntraID acts on a mail observable (the user's principal name), not on {type}");
        }

        var user = RequireParam<string>("data.data", "the observable has no value (data.data): MSEntraID needs the user's principal name").Trim();
        if (user.Length == 0)
        {
            throw Fail("the observable's value is empty: MSEntraID needs the user's principal name");
        }

        var tenant = RequireParam<string>("config.tenant_id", "tenant_id is missing: set the Entra tenant id in the responder's configuration");
        var clientId = RequireParam<string>("config.client_id", "client_id is missing: set the app registration's client id in the responder's configuration");
        var secret = RequireParam<string>("config.client_secret", "client_secret is missing: set the app registration's client secret in the responder's configuration");

        using var http = CreateHttp(RequestTimeout);
        http.BaseAddress = new Uri(Graph);
        await http.UseClientCredentialsAsync($"{Login}/{Uri.EscapeDataString(tenant)}/oauth2/v2.0/token", clientId, secret, GraphScope, cancellationToken);
        var id = user.Contains('@', StringComparison.Ordinal) ? await ResolveAsync(http, user, cancellationToken) : user;
        var path = $"users/{Uri.EscapeDataString(id)}";

        switch (service)
        {
            case EntraService.RevokeSignInSessions:
                RecordAction($"asked Entra ID to revoke the sign-in sessions of {user}");
                await http.SendJsonAsync(HttpMethod.Post, $"{path}/revokeSignInSessions", null, cancellationToken);
                var at = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                Report(Result($"every refresh token and browser session of {user} was revoked at {at}", user, id, at));
                break;
            case EntraService.ForcePasswordReset:
            case EntraService.ForcePasswordResetWithMfa:
                var mfa = service == EntraService.ForcePasswordResetWithMfa;
                var profile = new JObject { ["forceChangePasswordNextSignIn"] = true };
                if (mfa)
                {
                    profile["forceChangePasswordNextSignInWithMfa"] = true;
                }

                RecordAction($"asked Entra ID to make {user} change their password{(mfa ? " after MFA" : string.Empty)} at next sign-in");
                await http.SendJsonAsync(HttpMethod.Patch, path, new JObject { ["passwordProfile"] = profile }, cancellationToken);
                Report(Result(
                    mfa ? $"{user} must pass MFA, then change their password, at their next sign-in" : $"{user} must change their password at their next sign-in",
                    user,
                    id));
                break;
            default:
                await SetEnabledAsync(http, path, user, id, service == EntraService.EnableUser, cancellationToken);
                break;
        }
    }

    protected override IEnumerable<Operation> Operations(JObject full) =>
        service is null ? [] : [Operation.AddTagToArtifact($"MSEntraID:{service}")];

    private static JObject Result(string message, string user, string id, string? at = null)
    {
        var result = new JObject { ["message"] = message, ["user"] = user, ["id"] = id };
        if (at is not null)
        {
            result["revokedAt"] = at;
        }

        return result;
    }

    /// <summary>The object id of the user whose principal name is <paramref name="user"/>; an unknown user ends the job.</summary>
    private async Task<string> ResolveAsync(JobHttp http, string user, CancellationToken cancellationToken)
    {
        var answer = await GetUserAsync(http, $"users/{Uri.EscapeDataString(user)}?$select=id", user, cancellationToken);
        return answer?["id"] is JValue { Type: JTokenType.String, Value: string id } && id.Length > 0
            ? id
            : throw Fail($"Microsoft Graph answered the lookup of {user} without an id: check the app's User.Read.All permission");
    }

    /// <summary>Enables or disables the account, unless it already is: then nothing is sent and the report says so.</summary>
    private async Task SetEnabledAsync(JobHttp http, string path, string user, string id, bool enable, CancellationToken cancellationToken)
    {
        var state = await GetUserAsync(http, $"{path}?$select=accountEnabled", user, cancellationToken);
        var word = enable ? "enabled" : "disabled";
        if (state?["accountEnabled"] is JValue { Type: JTokenType.Boolean } current && (bool)current == enable)
        {
            Report(Result($"{user} is already {word} in Entra ID: nothing was changed", user, id));
            return;
        }

        RecordAction($"asked Entra ID to {(enable ? "enable" : "disable")} the account of {user}");
        await http.SendJsonAsync(HttpMethod.Patch, path, new JObject { ["accountEnabled"] = enable }, cancellationToken);
        Report(Result($"{user} is now {word} in Entra ID", user, id));
    }

    /// <summary>GETs a user; a 404 ends the job with a message that says the user is not in the tenant.</summary>
    private async Task<JToken?> GetUserAsync(JobHttp http, string url, string user, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Accept = { new("application/json") } } },
            cancellationToken,
            HttpStatusCode.NotFound);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw Fail($"{user} is not a user of this Entra ID tenant (Microsoft Graph answered 404 to GET {Graph}{url}): check the observable's address");
        }

        return await http.ReadJsonAsync(response, cancellationToken);
    }
}
