using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Network;

/// <summary>
/// A worker's HTTP helper, made by <c>CreateHttp()</c> on a client that goes through the job's proxies and
/// trusts its CA certificates. Every call either returns a 2xx answer or ends the job with one line that
/// names the method, the URL (credentials removed), the status and a short excerpt of the body, the job's
/// secrets and this helper's own (its <see cref="Authorization"/>, a client secret, a token) removed. A 429
/// or 503 answer is retried after its <c>Retry-After</c> (else 1, 2, 4… seconds) as long as the job's
/// remaining time allows.
/// </summary>
// Longer than 250 lines on purpose: every public send method shares the one retry loop and its remaining-time
// bound, so they stay together; the one-line failure text is HttpText's and the token grant JobHttp.ClientCredentials'.
public sealed partial class JobHttp : IDisposable
{
    /// <summary>How much of a refused answer's body the error message quotes, in characters.</summary>
    public const int ExcerptLength = 200;

    private static readonly TimeSpan TimeMargin = TimeSpan.FromSeconds(5);
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    private readonly TimeSpan timeout;
    private readonly Func<string, Exception> fail;
    private readonly Func<string, string> scrub;
    private readonly Func<TimeSpan?> remaining;
    private readonly CancellationToken jobToken;
    private readonly List<string> secrets = [];

    internal JobHttp(HttpClient client, TimeSpan timeout, Func<string, Exception> fail, Func<string, string> scrub, Func<TimeSpan?> remaining, CancellationToken jobToken)
    {
        Client = client;
        this.timeout = timeout;
        this.fail = fail;
        this.scrub = scrub;
        this.remaining = remaining;
        this.jobToken = jobToken;
    }

    /// <summary>The underlying client (the job's proxies and CA certificates), for what the helpers do not cover.</summary>
    public HttpClient Client { get; }

    /// <summary>The base of relative URLs, or null.</summary>
    public Uri? BaseAddress
    {
        get => Client.BaseAddress;
        set => Client.BaseAddress = value;
    }

    /// <summary>
    /// The <c>Authorization</c> header of every request; its parameter is kept out of every message this
    /// helper writes, even when a server echoes it back.
    /// </summary>
    public AuthenticationHeaderValue? Authorization
    {
        get => Client.DefaultRequestHeaders.Authorization;
        set
        {
            AddSecret(value?.Parameter);
            Client.DefaultRequestHeaders.Authorization = value;
        }
    }

    /// <summary>The headers sent with every request.</summary>
    public HttpRequestHeaders Headers => Client.DefaultRequestHeaders;

    /// <summary>How many times a 429 or 503 answer is retried (default 3); 0 retries none.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The longest wait before a retry (default 5 minutes): a longer <c>Retry-After</c> ends the job at once.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Keeps a secret of the worker's own (a header value it set on <see cref="Headers"/>) out of every message.</summary>
    /// <param name="secret">The secret; null or empty is ignored.</param>
    public void AddSecret(string? secret)
    {
        if (!string.IsNullOrEmpty(secret))
        {
            lock (secrets)
            {
                secrets.Add(secret);
            }
        }
    }

    /// <summary>GETs <paramref name="url"/> and reads its JSON answer.</summary>
    /// <param name="url">An absolute http(s) URL, or one relative to <see cref="BaseAddress"/>.</param>
    /// <param name="cancellationToken">Cancels the request beside the job's own token.</param>
    /// <returns>The answer's JSON, or null when its body is empty.</returns>
    /// <exception cref="JobStoppedException">The request failed or was refused (the job's error says how), or the job has ended: let it through.</exception>
    public Task<JToken?> GetJsonAsync(string url, CancellationToken cancellationToken = default) =>
        SendJsonAsync(HttpMethod.Get, url, null, cancellationToken);

    /// <summary>POSTs <paramref name="body"/> as JSON to <paramref name="url"/> and reads the JSON answer.</summary>
    /// <param name="url">An absolute http(s) URL, or one relative to <see cref="BaseAddress"/>.</param>
    /// <param name="body">The JSON to send.</param>
    /// <param name="cancellationToken">Cancels the request beside the job's own token.</param>
    /// <returns>The answer's JSON, or null when its body is empty.</returns>
    /// <exception cref="JobStoppedException">The request failed or was refused (the job's error says how), or the job has ended: let it through.</exception>
    public Task<JToken?> PostJsonAsync(string url, JToken body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        return SendJsonAsync(HttpMethod.Post, url, body, cancellationToken);
    }

    /// <summary>Sends <paramref name="body"/> (if any) as JSON with <paramref name="method"/> and reads the JSON answer.</summary>
    /// <param name="method">The method.</param>
    /// <param name="url">An absolute http(s) URL, or one relative to <see cref="BaseAddress"/>.</param>
    /// <param name="body">The JSON to send, or null for none.</param>
    /// <param name="cancellationToken">Cancels the request beside the job's own token.</param>
    /// <returns>The answer's JSON, or null when its body is empty.</returns>
    /// <exception cref="JobStoppedException">The request failed or was refused (the job's error says how), or the job has ended: let it through.</exception>
    public async Task<JToken?> SendJsonAsync(HttpMethod method, string url, JToken? body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        var bytes = body is null ? null : CortexJson.Serialize(body);
        using var response = await SendAsync(() => JsonRequest(method, url, bytes), cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>POSTs a form (<c>application/x-www-form-urlencoded</c>) to <paramref name="url"/> and reads the JSON answer.</summary>
    /// <param name="url">An absolute http(s) URL, or one relative to <see cref="BaseAddress"/>.</param>
    /// <param name="fields">The form's fields.</param>
    /// <param name="cancellationToken">Cancels the request beside the job's own token.</param>
    /// <returns>The answer's JSON, or null when its body is empty.</returns>
    /// <exception cref="JobStoppedException">The request failed or was refused (the job's error says how), or the job has ended: let it through.</exception>
    public async Task<JToken?> PostFormAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var form = fields.ToArray();
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, Resolve(HttpMethod.Post, url)) { Content = new FormUrlEncodedContent(form) },
            cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends the request <paramref name="createRequest"/> makes (called again for each retry, so that its
    /// content is fresh) and returns the answer when it is 2xx or one of <paramref name="accepted"/>
    /// (a lookup's 404). Dispose the answer.
    /// </summary>
    /// <param name="createRequest">Makes the request.</param>
    /// <param name="cancellationToken">Cancels the request beside the job's own token.</param>
    /// <param name="accepted">Statuses besides 2xx that the worker handles itself.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="JobStoppedException">The request failed or was refused (the job's error says how), or the job has ended: let it through.</exception>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken = default, params HttpStatusCode[] accepted)
    {
        ArgumentNullException.ThrowIfNull(createRequest);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(jobToken, cancellationToken);
        var token = linked.Token;
        for (var attempt = 0; ; attempt++)
        {
            var request = createRequest();
            var method = request.Method;
            var target = request.RequestUri is { IsAbsoluteUri: false } relative && BaseAddress is not null ? new Uri(BaseAddress, relative) : request.RequestUri;
            var what = $"{method} {HttpText.Display(target)}";
            HttpResponseMessage response;
            try
            {
                response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!token.IsCancellationRequested)
            {
                throw fail(Clean($"{what} did not answer within {timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s"));
            }
            catch (HttpRequestException e)
            {
                throw fail(Clean($"{what} failed: {HttpText.Reason(e)}"));
            }
            finally
            {
                request.Dispose();
            }

            if (response.IsSuccessStatusCode || accepted.Contains(response.StatusCode))
            {
                return response;
            }

            using (response)
            {
                var status = $"{(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
                if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable && attempt < MaxRetries)
                {
                    var delay = RetryDelay(response, attempt);
                    var left = remaining() is { } time ? time - TimeMargin : (TimeSpan?)null;
                    if (delay > MaxRetryDelay || (left is { } limit && delay > limit))
                    {
                        var bound = left is { } l && l < MaxRetryDelay ? $"the job's remaining {HttpText.Seconds(l < TimeSpan.Zero ? TimeSpan.Zero : l)}" : $"the longest wait allowed ({HttpText.Seconds(MaxRetryDelay)}, MaxRetryDelay)";
                        throw fail(Clean($"{what} answered {status} and asks to retry in {HttpText.Seconds(delay)}, beyond {bound}: try the job again later"));
                    }

                    await Task.Delay(delay, token).ConfigureAwait(false);
                    continue;
                }

                var excerpt = await HttpText.ExcerptAsync(response, token).ConfigureAwait(false);
                var retried = attempt > 0 ? $" (after {attempt} {(attempt == 1 ? "retry" : "retries")})" : string.Empty;
                throw fail(Clean($"{what} answered {status}{retried}: {excerpt}"));
            }
        }
    }

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

    /// <summary>Reads a 2xx answer's body as JSON: null when it is empty; a body that is not JSON ends the job.</summary>
    /// <param name="response">The answer.</param>
    /// <param name="cancellationToken">Cancels the read beside the job's own token.</param>
    /// <returns>The JSON, or null.</returns>
    /// <exception cref="JobStoppedException">The body is not JSON, or the job has ended: let it through.</exception>
    public async Task<JToken?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (bytes.Length == 0)
        {
            return null;
        }

        try
        {
            return CortexJson.Parse(bytes);
        }
        catch (CortexJsonException e)
        {
            var what = $"{response.RequestMessage?.Method} {HttpText.Display(response.RequestMessage?.RequestUri)}";
            throw fail(Clean($"{what} answered {(int)response.StatusCode} but not with JSON ({e.Message}): {HttpText.Clip(Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, HttpText.ExcerptBytes)))}"));
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Client.Dispose();

    /// <summary>The wait before retry number <paramref name="attempt"/>+1: the answer's Retry-After (seconds or a date), else 1, 2, 4… s.</summary>
    internal static TimeSpan RetryDelay(HttpResponseMessage response, int attempt)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return TimeSpan.FromSeconds(Math.Pow(2, Math.Min(attempt, 10)));
    }

    private HttpRequestMessage JsonRequest(HttpMethod method, string url, byte[]? body)
    {
        var request = new HttpRequestMessage(method, Resolve(method, url));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body) { Headers = { ContentType = Json } };
        }

        request.Headers.Accept.ParseAdd("application/json");
        return request;
    }

    private Uri Resolve(HttpMethod method, string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            return absolute;
        }

        if (BaseAddress is not null && Uri.TryCreate(url, UriKind.Relative, out var relative))
        {
            return new Uri(BaseAddress, relative);
        }

        throw fail(Clean($"{method} {HttpText.Display(Uri.TryCreate(url, UriKind.Absolute, out var shown) ? shown : null)}: the URL must be an absolute http(s) URL, such as https://hooks.example.org/notify"));
    }

    /// <summary>The helper's own secrets removed, then the job's.</summary>
    private string Clean(string message)
    {
        lock (secrets)
        {
            foreach (var secret in secrets.OrderByDescending(secret => secret.Length))
            {
                message = message.Replace(secret, "REMOVED", StringComparison.Ordinal);
            }
        }

        return scrub(message);
    }
}
