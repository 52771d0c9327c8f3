using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Network;

/// <summary>JSON and forms over <see cref="SendAsync"/>: the request's body and <c>Accept</c>, the answer read as JSON.</summary>
public sealed partial class JobHttp
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

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
}
