using Cortex.Responders;
using System.Net;
using System.Net.Sockets;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter.Servers;

/// <summary>One line for each way a Jupyter server or JupyterHub can fail a request, naming the setting to check.</summary>
internal static class ServerFailure
{
    private const int MaxDetail = 300;

    public static string Unreachable(Uri server, ServerSettingNames settings, string what, Exception exception, TimeSpan timeout) =>
        exception is TaskCanceledException
            ? $"the server at {server} did not answer within {timeout.TotalSeconds:0} s while {what}; check {settings.Hostname} and that the server is up"
            : $"cannot reach the server at {server} while {what}: {Reason(exception)}; check {settings.Hostname} and that the server is up";

    public static string Refused(Uri server, ServerSettingNames settings, string what, HttpStatusCode status, string body)
    {
        var code = $"HTTP {(int)status} {status}";
        return status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                $"the server at {server} refused the token while {what} ({code}): check {settings.Token} (for a JupyterHub, the service needs the "
                    + "scopes servers and access:servers)",
            _ => $"the server at {server} answered {code} while {what}{Detail(body)}",
        };
    }

    /// <summary>The innermost useful reason of a network failure (connection refused, name not found, TLS…).</summary>
    public static string Reason(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused",
                    SocketError.HostNotFound or SocketError.NoData => "host name not found",
                    SocketError.TimedOut => "connection timed out",
                    _ => socket.Message,
                };
            }

            if (e is System.Security.Authentication.AuthenticationException)
            {
                return "its TLS certificate is not trusted (add its CA to the organisation's CA certificates in Cortex)";
            }
        }

        return Jupyter.OneLine.Of(exception.Message);
    }

    /// <summary>The server's own message (Jupyter answers {"message": …}), on one line and short.</summary>
    private static string Detail(string body)
    {
        string? message = null;
        try
        {
            using var reader = new JsonTextReader(new StringReader(body)) { DateParseHandling = DateParseHandling.None };
            var json = JToken.ReadFrom(reader) as JObject;
            message = (string?)json?["message"];

            // A kernel that cannot start says why only in the last line of the traceback ("NoSuchKernel: …").
            if (json?["traceback"] is { Type: JTokenType.String } traceback)
            {
                var last = ((string)traceback!).TrimEnd().Split('\n')[^1].Trim();
                message = message is null or "Unhandled error" ? last : $"{message}: {last}";
            }
        }
        catch (JsonReaderException)
        {
            message = body;
        }

        if (string.IsNullOrWhiteSpace(message))
        {
            return string.Empty;
        }

        message = Jupyter.OneLine.Of(message);
        return ": " + (message.Length > MaxDetail ? message[..MaxDetail] + "…" : message);
    }
}
