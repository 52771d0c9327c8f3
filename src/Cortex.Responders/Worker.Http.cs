using System.Diagnostics;
using Cortex.Responders.Hosting;
using Cortex.Responders.Network;
using Cortex.Responders.Parameters;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders;

/// <summary>The HTTP helper of a worker: <see cref="CreateHttp"/>, on top of <see cref="CreateHttpClient"/>.</summary>
public abstract partial class Worker
{
    /// <summary>When the worker was made for its job: the job's remaining time counts from here.</summary>
    private readonly long createdAt = Stopwatch.GetTimestamp();

    /// <summary>The token RunAsync was given, which every request of <see cref="CreateHttp"/>'s helper also obeys.</summary>
    private CancellationToken jobToken;

    /// <summary>
    /// Makes an HTTP helper on a <see cref="CreateHttpClient"/> client (the job's proxies and CA certificates):
    /// it sends JSON or a form and reads JSON back, ends the job with an error that names the method, the URL
    /// (credentials removed), the status and a short, scrubbed excerpt of the body when the answer is not 2xx,
    /// retries a 429 or 503 answer as its <c>Retry-After</c> says while the job's time allows, and can fetch an
    /// OAuth2 client-credentials token.
    /// </summary>
    /// <param name="timeout">Each request's timeout; <see cref="DefaultHttpTimeout"/> when null.</param>
    /// <returns>A new helper; dispose it when done.</returns>
    /// <exception cref="JobStoppedException">The job has ended, or the proxies or CA certificates are unusable (the error output says which): let it through.</exception>
    /// <example><code>using var http = CreateHttp();
    /// http.Authorization = new AuthenticationHeaderValue("Bearer", RequireParam&lt;string&gt;("config.token", "Missing token"));
    /// var answer = await http.PostJsonAsync(RequireParam&lt;string&gt;("config.url", "Missing url"), GetData(), cancellationToken);</code></example>
    protected JobHttp CreateHttp(TimeSpan? timeout = null)
    {
        var client = CreateHttpClient(timeout);
        return new JobHttp(client, timeout ?? DefaultHttpTimeout, message => Fail(message), Runner.Scrub, RemainingTime, jobToken);
    }

    /// <summary>
    /// The job's remaining time: Cortex's <c>config.jobTimeout</c> (minutes) since the worker was made, or null
    /// when the job input gives no timeout.
    /// </summary>
    private TimeSpan? RemainingTime()
    {
        if (ParamPath.Find(Input, "config.jobTimeout") is not JValue { Type: JTokenType.Integer or JTokenType.Float } value || (double)value <= 0)
        {
            return null;
        }

        var left = TimeSpan.FromMinutes((double)value) - Stopwatch.GetElapsedTime(createdAt);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>
    /// Runs <see cref="RunAsync"/> with its token kept for the HTTP helper; a feature the published executable
    /// left out (Newtonsoft's reflection serializer) is explained rather than reported as "removed".
    /// </summary>
    private async Task RunObservedAsync(CancellationToken cancellationToken)
    {
        jobToken = cancellationToken;
        try
        {
            await RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NotSupportedException e) when (RemovedFeature.Explain(e) is { } explanation)
        {
            throw new NotSupportedException(explanation, e);
        }
    }
}
