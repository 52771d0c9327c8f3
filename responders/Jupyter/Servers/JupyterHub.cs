using Cortex.Responders;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter.Servers;

/// <summary>
/// A JupyterHub's REST API, as the original responder uses it: with a service token, start the named server
/// of a user (unless it already runs), follow its progress events until it is ready, and work on it.
/// </summary>
internal sealed class JupyterHub(HttpClient http, Uri hubUrl, string token, ServerSettingNames settings)
{
    /// <summary>The named server the original starts for Cortex's jobs.</summary>
    public const string ServerName = "cortex_job";

    private static readonly TimeSpan ReadyLimit = TimeSpan.FromMinutes(2);

    private readonly Uri hub = hubUrl.AbsolutePath.EndsWith('/') ? hubUrl : new UriBuilder(hubUrl) { Path = hubUrl.AbsolutePath + "/" }.Uri;

    /// <summary>Starts (or finds) <paramref name="user"/>'s server <see cref="ServerName"/> and returns its URL.</summary>
    public async Task<Uri> StartServerAsync(string user, CancellationToken cancellationToken)
    {
        var userPath = "hub/api/users/" + Uri.EscapeDataString(user);
        var model = await SendAsync(HttpMethod.Get, userPath, $"reading the user {user}", user, cancellationToken);
        if (model?["servers"]?[ServerName] is not JObject)
        {
            await SendAsync(HttpMethod.Post, $"{userPath}/servers/{ServerName}", $"starting the server {ServerName} of {user}", user, cancellationToken);
            model = await SendAsync(HttpMethod.Get, userPath, $"reading the user {user}", user, cancellationToken);
        }

        if (model?["servers"]?[ServerName] is not JObject server)
        {
            throw new JupyterException($"JupyterHub at {hub} did not start the server {ServerName} of {user} (is c.JupyterHub.allow_named_servers = True?)");
        }

        if ((bool?)server["ready"] == true && (string?)server["url"] is { Length: > 0 } readyUrl)
        {
            return new Uri(hub, readyUrl);
        }

        // The Hub's URLs are absolute paths (they hold its base URL already).
        var progress = (string?)server["progress_url"] is { Length: > 0 } given ? new Uri(hub, given) : new Uri(hub, $"{userPath}/servers/{ServerName}/progress");
        return new Uri(hub, await WaitReadyAsync(progress, user, cancellationToken));
    }

    /// <summary>Reads the server's progress events (text/event-stream) until one says it is ready, and returns its URL.</summary>
    private async Task<string> WaitReadyAsync(Uri progressUrl, string user, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(ReadyLimit);
        var last = "no progress event";
        try
        {
            using var request = JupyterRequest.Create(HttpMethod.Get, progressUrl, token);
            request.Headers.Accept.ParseAdd("text/event-stream");
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, bounded.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new JupyterException(ServerFailure.Refused(hub, settings, $"waiting for the server {ServerName} of {user}", response.StatusCode, string.Empty));
            }

            var progressStream = await response.Content.ReadAsStreamAsync(bounded.Token);
            using var reader = new StreamReader(BoundedAnswer.Bounded(progressStream, hub, $"sending the progress of the server {ServerName} of {user}"));
            while (await reader.ReadLineAsync(bounded.Token) is { } line)
            {
                if (!line.StartsWith("data:", StringComparison.Ordinal))
                {
                    continue;
                }

                JObject? progress;
                try
                {
                    using var json = new JsonTextReader(new StringReader(line[5..])) { DateParseHandling = DateParseHandling.None };
                    progress = JToken.ReadFrom(json) as JObject;
                }
                catch (JsonReaderException)
                {
                    continue;
                }

                last = (string?)progress?["message"] ?? last;
                if ((bool?)progress?["ready"] == true && (string?)progress["url"] is { Length: > 0 } url)
                {
                    return url;
                }

                if ((bool?)progress?["failed"] == true)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new JupyterException($"JupyterHub at {hub} did not get the server {ServerName} of {user} ready within {ReadyLimit.TotalMinutes:0} "
                + $"minutes (last progress: {last})");
        }
        catch (HttpRequestException e)
        {
            throw new JupyterException(ServerFailure.Unreachable(hub, settings, $"waiting for the server {ServerName} of {user}", e, http.Timeout), e);
        }

        throw new JupyterException($"JupyterHub at {hub} could not start the server {ServerName} of {user}: {last}");
    }

    private Task<JObject?> SendAsync(HttpMethod method, string path, string what, string user, CancellationToken cancellationToken) =>
        JupyterRequest.SendAsync(
            http, method, new Uri(hub, path), token, body: null, hub, settings, what,
            $"is {settings.Hostname} the URL of a JupyterHub ({settings.IsJupyterHub} is true)?", cancellationToken,
            notFound: () => $"JupyterHub at {hub} has no user {user} (HTTP 404 while {what}): check any_handler_http_user; if {settings.Hostname} is "
                + $"a plain Jupyter server, set {settings.IsJupyterHub} to false");
}
