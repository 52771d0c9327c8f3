using Cortex.Responders;
using System.Net;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter.Servers;

/// <summary>
/// One call of a Jupyter REST API (a server's or a Hub's), with <c>Authorization: token …</c> (never in the URL):
/// unreachable, refused or not-JSON answers become one <see cref="JupyterException"/> line that says what to fix.
/// </summary>
internal static class JupyterRequest
{
    /// <summary>A request with the token in its Authorization header.</summary>
    public static HttpRequestMessage Create(HttpMethod method, Uri url, string token)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("Authorization", "token " + token);
        return request;
    }

    /// <summary>
    /// Sends one request and reads its JSON object (null for an empty answer). A 404 gives
    /// <paramref name="notFound"/>'s message as an error, or null when it returns null; without it a 404 is refused.
    /// </summary>
    public static async Task<JObject?> SendAsync(
        HttpClient http, HttpMethod method, Uri url, string token, JObject? body, Uri server, ServerSettingNames settings,
        string what, string notJson, CancellationToken cancellationToken, Func<string?>? notFound = null)
    {
        using var request = Create(method, url, token);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToString(Formatting.None), Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        MemoryStream answer;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            try
            {
                answer = await BoundedAnswer.ReadAsync(response.Content, server, what, cancellationToken);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new JupyterException(ServerFailure.Unreachable(server, settings, what, e, http.Timeout), e);
        }

        using (response)
        using (answer)
        {
            if (response.StatusCode == HttpStatusCode.NotFound && notFound is not null)
            {
                return notFound() is { } message ? throw new JupyterException(message) : null;
            }

            if (!response.IsSuccessStatusCode)
            {
                var text = Encoding.UTF8.GetString(answer.GetBuffer(), 0, (int)Math.Min(answer.Length, 4096));
                throw new JupyterException(ServerFailure.Refused(server, settings, what, response.StatusCode, text));
            }

            if (answer.Length == 0)
            {
                return null;
            }

            try
            {
                using var reader = new JsonTextReader(new StreamReader(answer, Encoding.UTF8)) { DateParseHandling = DateParseHandling.None };
                return JToken.ReadFrom(reader) as JObject;
            }
            catch (JsonReaderException)
            {
                throw new JupyterException($"the server at {server} did not answer {what} with JSON: {notJson}");
            }
        }
    }
}
