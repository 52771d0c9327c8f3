using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Cortex.Responders.Network;

/// <summary>
/// A worker's HTTP helper, made by <c>CreateHttp()</c> on a client that goes through the job's proxies and
/// trusts its CA certificates. Every call either returns a 2xx answer or ends the job with one line that
/// names the method, the URL (credentials removed), the status and a short excerpt of the body, the job's
/// secrets and this helper's own (its <see cref="Authorization"/>, a client secret, a token) removed. A 429
/// or 503 answer is retried after its <c>Retry-After</c> (else 1, 2, 4… seconds) as long as the job's
/// remaining time allows.
/// </summary>
public sealed partial class JobHttp : IDisposable
{
    /// <summary>How much of a refused answer's body the error message quotes, in characters.</summary>
    public const int ExcerptLength = 200;

    private static readonly TimeSpan TimeMargin = TimeSpan.FromSeconds(5);

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
