using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Network;

/// <summary>The OAuth2 client-credentials grant in both of Microsoft's forms (v1 <c>resource</c>, v2 <c>scope</c>), each token fetched once per helper.</summary>
public sealed partial class JobHttp
{
    /// <summary>How long before its <c>expires_in</c> a kept token is fetched again.</summary>
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, (string Token, long? ExpiresAt)> tokens = new(StringComparer.Ordinal);

    /// <summary>
    /// Fetches an OAuth2 access token by the client-credentials grant (RFC 6749 §4.4), as Microsoft Entra ID's
    /// <c>https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token</c> serves it; the secret and the token
    /// are kept out of every message. The token is kept for this helper's life (the job's): a second call with
    /// the same endpoint, client and scope reuses it unless its <c>expires_in</c> is nearly over.
    /// </summary>
    /// <param name="tokenUrl">The token endpoint.</param>
    /// <param name="clientId">The client (application) id.</param>
    /// <param name="clientSecret">The client secret.</param>
    /// <param name="scope">The scope (Entra: <c>https://api.securitycenter.microsoft.com/.default</c>), or null.</param>
    /// <param name="cancellationToken">Cancels the request beside the job's own token.</param>
    /// <returns>The access token.</returns>
    /// <exception cref="JobStoppedException">
    /// The endpoint refused the client or answered without a token (the job's error says so), or the job has ended: let it through.
    /// </exception>
    public Task<string> RequestClientCredentialsTokenAsync(
        string tokenUrl, string clientId, string clientSecret, string? scope = null, CancellationToken cancellationToken = default) =>
        RequestTokenAsync(tokenUrl, clientId, clientSecret, "scope", scope, cancellationToken);

    /// <summary>
    /// Fetches a client-credentials token (<see cref="RequestClientCredentialsTokenAsync"/>) and sends it as
    /// <c>Authorization: Bearer …</c> with every later request.
    /// </summary>
    /// <param name="tokenUrl">The token endpoint.</param>
    /// <param name="clientId">The client (application) id.</param>
    /// <param name="clientSecret">The client secret.</param>
    /// <param name="scope">The scope, or null.</param>
    /// <param name="cancellationToken">Cancels the request beside the job's own token.</param>
    /// <returns>The work.</returns>
    /// <exception cref="JobStoppedException">The endpoint refused the client or answered without a token, or the job has ended: let it through.</exception>
    public async Task UseClientCredentialsAsync(string tokenUrl, string clientId, string clientSecret, string? scope = null, CancellationToken cancellationToken = default)
    {
        var token = await RequestClientCredentialsTokenAsync(tokenUrl, clientId, clientSecret, scope, cancellationToken).ConfigureAwait(false);
        Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>
    /// Fetches an OAuth2 access token by the client-credentials grant in the v1 form, which names the API by
    /// <c>resource</c> rather than by <c>scope</c>: Microsoft Entra ID's <c>https://login.microsoftonline.com/{tenant}/oauth2/token</c>
    /// with <c>resource=https://api.securitycenter.microsoft.com</c>, as Defender for Endpoint's guides use it.
    /// The secret and the token are kept out of every message; the token is kept for this helper's life.
    /// </summary>
    /// <param name="tokenUrl">The v1 token endpoint.</param>
    /// <param name="clientId">The client (application) id.</param>
    /// <param name="clientSecret">The client secret.</param>
    /// <param name="resource">The application id URI of the API the token is for.</param>
    /// <param name="cancellationToken">Cancels the request beside the job's own token.</param>
    /// <returns>The access token.</returns>
    /// <exception cref="JobStoppedException">
    /// The endpoint refused the client or answered without a token (the job's error says so), or the job has ended: let it through.
    /// </exception>
    public Task<string> RequestResourceTokenAsync(string tokenUrl, string clientId, string clientSecret, string resource, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(resource);
        return RequestTokenAsync(tokenUrl, clientId, clientSecret, "resource", resource, cancellationToken);
    }

    /// <summary>
    /// Fetches a v1 client-credentials token (<see cref="RequestResourceTokenAsync"/>) and sends it as
    /// <c>Authorization: Bearer …</c> with every later request.
    /// </summary>
    /// <param name="tokenUrl">The v1 token endpoint.</param>
    /// <param name="clientId">The client (application) id.</param>
    /// <param name="clientSecret">The client secret.</param>
    /// <param name="resource">The application id URI of the API the token is for.</param>
    /// <param name="cancellationToken">Cancels the request beside the job's own token.</param>
    /// <returns>The work.</returns>
    /// <exception cref="JobStoppedException">The endpoint refused the client or answered without a token, or the job has ended: let it through.</exception>
    public async Task UseResourceTokenAsync(string tokenUrl, string clientId, string clientSecret, string resource, CancellationToken cancellationToken = default)
    {
        var token = await RequestResourceTokenAsync(tokenUrl, clientId, clientSecret, resource, cancellationToken).ConfigureAwait(false);
        Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>The grant itself; <paramref name="audienceField"/> is <c>scope</c> (v2) or <c>resource</c> (v1).</summary>
    private async Task<string> RequestTokenAsync(string tokenUrl, string clientId, string clientSecret, string audienceField, string? audience, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        ArgumentNullException.ThrowIfNull(clientSecret);
        AddSecret(clientSecret);
        var key = string.Join('\n', tokenUrl, clientId, audienceField, audience ?? string.Empty);
        lock (tokens)
        {
            if (tokens.TryGetValue(key, out var kept) && (kept.ExpiresAt is not { } end || Stopwatch.GetTimestamp() < end))
            {
                return kept.Token;
            }
        }

        var fields = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "client_credentials"),
            new("client_id", clientId),
            new("client_secret", clientSecret),
        };
        if (!string.IsNullOrEmpty(audience))
        {
            fields.Add(new(audienceField, audience));
        }

        // The secret goes in the form, never in an Authorization header the default headers would keep.
        var saved = Client.DefaultRequestHeaders.Authorization;
        Client.DefaultRequestHeaders.Authorization = null;
        JToken? answer;
        try
        {
            answer = await PostFormAsync(tokenUrl, fields, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Client.DefaultRequestHeaders.Authorization = saved;
        }

        if (answer?["access_token"] is not JValue { Type: JTokenType.String, Value: string token } || token.Length == 0)
        {
            throw fail(Clean($"POST {HttpText.Display(Resolve(HttpMethod.Post, tokenUrl))} answered without an access_token: {(answer is null ? "an empty body" : HttpText.Clip(Encoding.UTF8.GetString(CortexJson.Serialize(answer))))}"));
        }

        AddSecret(token);
        lock (tokens)
        {
            tokens[key] = (token, ExpiresAt(answer["expires_in"]));
        }

        return token;
    }

    /// <summary>When a token that lives <paramref name="expiresIn"/> seconds (a number, or v1's string) should be fetched again; null when the answer does not say.</summary>
    private static long? ExpiresAt(JToken? expiresIn)
    {
        double seconds;
        switch (expiresIn)
        {
            case JValue { Type: JTokenType.Integer or JTokenType.Float } number:
                seconds = (double)number;
                break;
            case JValue { Type: JTokenType.String, Value: string text }
                when double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed):
                seconds = parsed;
                break;
            default:
                return null;
        }

        var life = TimeSpan.FromSeconds(Math.Max(0, seconds)) - ExpiryMargin;
        return Stopwatch.GetTimestamp() + (long)(Math.Max(0, life.TotalSeconds) * Stopwatch.Frequency);
    }
}
