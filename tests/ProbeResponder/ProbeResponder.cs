using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Probe;

/// <summary>Does what <c>config.probe</c> says, well or badly, so tests can watch the framework cope.</summary>
public sealed class ProbeResponder : Responder
{
    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        var probe = GetParam("config.probe", "fields");
        switch (probe)
        {
            case "report":
                Report(GetParam<JToken>("config.full") ?? new JObject { ["ok"] = true });
                break;
            case "report-twice":
                Report(new JObject { ["first"] = true });
                Report(new JObject { ["second"] = true });
                break;
            case "report-then-error":
                Report(new JObject { ["first"] = true });
                Error("too late");
                break;
            case "error":
                Error(GetParam("config.message", "probe error")!);
                break;
            case "error-then-report":
                try
                {
                    Error("first error");
                }
                catch (Exception)
                {
                    // A careless author swallowing everything.
                }

                Report(new JObject { ["after"] = true });
                break;
            case "throw":
                throw new InvalidOperationException(GetParam("config.message", "boom")! + "\nsecond line");
            case "throw-after-report":
                Report(new JObject { ["ok"] = true });
                throw new InvalidOperationException("after the report");
            case "no-report":
                break;
            case "print":
                Console.WriteLine("a stray line on standard output");
                Console.Out.Flush();
                using (var raw = Console.OpenStandardOutput())
                {
                    raw.Write("a raw write to standard output\n"u8);
                }

                using (var child = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/bin/echo", "a line from a child process") { UseShellExecute = false }))
                {
                    await child!.WaitForExitAsync(cancellationToken);
                }

                Logger.LogInformation("a log line");
                Report(new JObject { ["printed"] = true });
                break;
            case "sleep":
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    Logger.LogInformation("probe: token cancelled");
                    throw;
                }

                break;
            case "register-throw":
                cancellationToken.Register(() => throw new InvalidOperationException("callback failed"));
                await Task.Delay(Timeout.Infinite, cancellationToken);
                break;
            case "register-block":
                cancellationToken.Register(() => Thread.Sleep(TimeSpan.FromSeconds(20)));
                await Task.Delay(Timeout.Infinite, cancellationToken);
                break;
            case "report-then-sleep":
                Report(new JObject { ["done"] = true });
                await Task.Delay(Timeout.Infinite, cancellationToken);
                break;
            case "touch":
                await File.WriteAllTextAsync(GetParam<string>("config.path", message: "config.path is missing")!, "acted", cancellationToken);
                Report(new JObject { ["touched"] = true });
                break;
            case "log-secret":
                Logger.LogWarning("calling the API with key {Key}", GetParam<string>("config.api_key"));
                Report(new JObject { ["logged"] = true });
                break;
            case "report-raw":
                Report(new JObject { ["ok"] = true, ["nested"] = new JObject { ["bad"] = new JRaw("not json") } });
                break;
            case "ignore-cancel":
                Thread.Sleep(TimeSpan.FromSeconds(GetParam("config.seconds", 30)));
                Report(new JObject { ["late"] = true });
                break;
            case "param":
                Report(new JObject { ["value"] = ReadParam() });
                break;
            case "env":
                Report(new JObject
                {
                    ["value"] = GetEnv(GetParam<string>("config.name")!, GetParam<string>("config.default"), GetParam<string>("config.message")),
                    ["http_proxy"] = Environment.GetEnvironmentVariable("http_proxy"),
                    ["https_proxy"] = Environment.GetEnvironmentVariable("https_proxy"),
                    ["jobDirectory"] = JobDirectory,
                });
                break;
            case "fields":
                Report(new JObject { ["dataType"] = DataType, ["tlp"] = Tlp, ["pap"] = Pap, ["httpProxy"] = HttpProxy, ["httpsProxy"] = HttpsProxy });
                break;
            case "bind":
                var options = Configuration.Get<ProbeOptions>() ?? new ProbeOptions();
                Report(new JObject
                {
                    ["smtpHost"] = options.SmtpHost,
                    ["smtpPort"] = options.SmtpPort,
                    ["smtpUser"] = options.SmtpUser,
                    ["enabled"] = options.Enabled,
                    ["to"] = new JArray(options.To),
                });
                break;
            case "http":
                using (var client = CreateHttpClient(TimeSpan.FromSeconds(GetParam("config.timeout", 10.0))))
                {
                    var response = await client.GetAsync(GetParam<string>("config.url", message: "config.url is missing"), cancellationToken);
                    Report(new JObject { ["status"] = (int)response.StatusCode, ["body"] = await response.Content.ReadAsStringAsync(cancellationToken) });
                }

                break;
            case "cacerts":
                Report(new JObject { ["count"] = CaCertificates.Count });
                break;
            default:
                Error($"unknown probe {probe}");
                break;
        }
    }

    protected override IEnumerable<Operation> Operations(JObject full)
    {
        if (GetParam("config.operations_throw", false))
        {
            throw new InvalidOperationException("operations failed");
        }

        return GetParam<string[]>("config.tags", [])!.Select(Operation.AddTagToCase);
    }

    protected override IEnumerable<string> SecretPhrases
    {
        get
        {
            if (GetParam("config.phrases_log", false))
            {
                Logger.LogInformation("resolving the secret phrases");
            }

            return GetParam("config.null_phrases", false) ? null! : GetParam<string[]>("config.secret_phrases") ?? base.SecretPhrases;
        }
    }

    private JToken? ReadParam()
    {
        var path = GetParam<string>("config.path")!;
        var message = GetParam<string>("config.message");
        return GetParam<string>("config.type") switch
        {
            "string" => GetParam(path, GetParam<string>("config.default"), message),
            "int" => GetParam(path, GetParam("config.default", -1), message),
            "long" => GetParam(path, GetParam("config.default", -1L), message),
            "double" => GetParam(path, GetParam("config.default", -1.0), message),
            "decimal" => GetParam(path, GetParam("config.default", -1m), message),
            "bool" => GetParam(path, GetParam("config.default", false), message),
            "string[]" => GetParam<string[]>(path, null, message) is { } items ? new JArray(items) : null,
            "object" => GetParam<JObject>(path, null, message),
            "float" => GetParam(path, 1.5f, message),
            _ => GetParam<JToken>(path, null, message),
        };
    }
}
