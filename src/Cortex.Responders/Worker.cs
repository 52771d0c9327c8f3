using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Cortex.Responders.Jobs;
using Cortex.Responders.Logging;
using Cortex.Responders.Network;
using Cortex.Responders.Parameters;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders;

/// <summary>
/// What every Cortex worker shares, a responder (<see cref="Responder"/>) and an analyzer alike, as
/// cortexutils' <c>Worker</c>: the job input and its transport, <see cref="GetParam{T}"/>, the TLP/PAP checks,
/// proxies and CA certificates, secret masking, <see cref="Error"/> and the log. Every way a job can fail
/// still ends in one valid output.
/// </summary>
public abstract partial class Worker
{
    /// <summary>Only the kinds of worker Cortex knows derive from it: <see cref="Responder"/> and <see cref="Analyzer"/>.</summary>
    private protected Worker()
    {
    }

    /// <summary>The default timeout of the clients <see cref="CreateHttpClient"/> makes.</summary>
    public static readonly TimeSpan DefaultHttpTimeout = TimeSpan.FromSeconds(30);

    internal static readonly IReadOnlyCollection<string> DefaultSecretPhrases =
        ["key", "password", "secret", "token", "pwd", "pass", "credential", "auth", "cookie", "bearer", "jwt", "session", "private", "signature", "hmac"];

    private JobLifecycle? runner;
    private JObject? input;
    private IConfiguration? configuration;
    private CaCertificates? caCertificates;
    private ILogger? logger;

    /// <summary>The job's data type (<c>thehive:case</c>, <c>thehive:alert</c>…), from the input's <c>dataType</c>.</summary>
    protected string DataType { get; private set; } = string.Empty;

    /// <summary>The TLP of the job's data (default 2).</summary>
    protected int Tlp { get; private set; } = 2;

    /// <summary>The PAP of the job's data (default 2).</summary>
    protected int Pap { get; private set; } = 2;

    /// <summary>The proxy for http URLs, from <c>config.proxy.http</c>.</summary>
    protected string? HttpProxy { get; private set; }

    /// <summary>The proxy for https URLs, from <c>config.proxy.https</c>.</summary>
    protected string? HttpsProxy { get; private set; }

    /// <summary>The job folder, or null when the job came on standard input (Cortex 2).</summary>
    protected string? JobDirectory => Runner.Context.JobDirectory;

    /// <summary>The whole job input as Cortex wrote it. Masking for error outputs works on a copy.</summary>
    protected JObject Input => input ?? throw NotAttached();

    /// <summary>
    /// The job's <c>config</c> section (the flavor's <c>config</c> merged with the organisation's
    /// configuration items), to bind to an options class: <c>Configuration.Get&lt;MyOptions&gt;()</c>.
    /// Map snake_case keys with <c>[ConfigurationKeyName("smtp_host")]</c>.
    /// </summary>
    protected IConfiguration Configuration => configuration ??= BuildConfiguration();

    /// <summary>A logger that writes to standard error, which Cortex keeps in its log; never to standard output.</summary>
    protected ILogger Logger => logger ??= new StandardErrorLogger(Runner.Context.Log, LogLevel.Information, Runner.Scrub);

    /// <summary>
    /// The phrases that make a configuration key secret in error outputs (a key whose lower-cased name
    /// contains one is replaced by <c>"REMOVED"</c>). Override to replace them, as cortexutils'
    /// <c>secret_phrases</c>; credentials inside URLs are masked whatever the phrases.
    /// </summary>
    protected virtual IEnumerable<string> SecretPhrases => DefaultSecretPhrases;

    /// <summary>
    /// The CA certificates the organisation gave Cortex (input/cacerts, REQUESTS_CA_BUNDLE or
    /// <c>config.cacerts</c>); empty when none.
    /// </summary>
    protected X509Certificate2Collection CaCertificates => Certificates.Certificates;

    internal IReadOnlyCollection<string> SecretPhraseList =>
        SecretPhrases.Select(phrase => phrase.ToLowerInvariant()).Where(phrase => phrase.Length > 0).ToArray();

    private JobLifecycle Runner => runner ?? throw NotAttached();

    private CaCertificates Certificates => caCertificates ??= LoadCaCertificates();

    /// <summary>
    /// Validates a server certificate: valid with the system's roots, or with the job's
    /// <see cref="CaCertificates"/>; the host name must match either way. Hand it to any TLS client
    /// (MailKit's <c>ServerCertificateValidationCallback</c>, an <see cref="SslStream"/>). It never ends the job
    /// from inside the TLS handshake: read <see cref="CaCertificates"/> before connecting so that malformed CA
    /// certificates end the job with their own error.
    /// </summary>
    /// <param name="sender">The TLS client.</param>
    /// <param name="certificate">The server's certificate.</param>
    /// <param name="chain">The chain the platform built.</param>
    /// <param name="sslPolicyErrors">What the platform found wrong.</param>
    /// <returns>Whether to trust the server.</returns>
    protected bool ValidateServerCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors sslPolicyErrors)
    {
        // A TLS callback never ends the job: a stopped job or unusable CA certificates refuse the server, and the
        // TLS client's own failure reaches the worker's code. Load them beforehand (read CaCertificates) to get
        // the certificates' own error instead.
        if (Runner.Stopped)
        {
            return false;
        }

        var certificates = caCertificates;
        if (certificates is null)
        {
            try
            {
                certificates = Network.CaCertificates.Load(CaCertificateSources());
            }
            catch (CryptographicException e)
            {
                Runner.Context.Log.WriteLine($"error: the server's certificate is refused: the job's CA certificates are unusable: {Runner.Scrub(e.Message)}");
                return false;
            }

            caCertificates = certificates;
        }

        return certificates.Validate(certificate, chain, sslPolicyErrors);
    }
    /// <summary>
    /// Runs the job. End it with <see cref="Report"/> (success) or <see cref="Error"/>; returning without
    /// either is an error. <paramref name="cancellationToken"/> fires when Cortex stops the job (timeout):
    /// pass it to every network call.
    /// </summary>
    /// <param name="cancellationToken">Fires when the job is stopped.</param>
    /// <returns>The work.</returns>
    protected abstract Task RunAsync(CancellationToken cancellationToken);

    /// <summary>Runs <see cref="RunAsync"/> for the job runner.</summary>
    internal Task RunJobAsync(CancellationToken cancellationToken) => RunObservedAsync(cancellationToken);

    /// <summary>
    /// Builds an operation of any type. Prefer the typed factories of <see cref="Operation"/>, which write
    /// exactly the fields TheHive reads.
    /// </summary>
    /// <param name="type">The operation type.</param>
    /// <param name="parameters">Its fields.</param>
    /// <returns>The operation <c>{"type": type, …parameters}</c>.</returns>
    protected static Operation BuildOperation(string type, JObject? parameters = null) => Operation.Build(type, parameters);

    /// <summary>
    /// Reads a value of the job input by dotted path (<c>"config.smtp_host"</c>, <c>"data.tags"</c>). A missing
    /// key or a null value is missing: with a <paramref name="message"/> the job ends with that error,
    /// otherwise <paramref name="defaultValue"/> is returned. A value of the wrong kind ends the job with an
    /// error that names the path.
    /// </summary>
    /// <typeparam name="T">string, bool, int, long, double, decimal, string[], or a JToken type for raw JSON.</typeparam>
    /// <param name="path">The dotted path; a numeric segment indexes an array.</param>
    /// <param name="defaultValue">The value when missing.</param>
    /// <param name="message">The error when missing, or null to return the default.</param>
    /// <returns>The value, or the default.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not one of the types above.</exception>
    /// <example><code>var host = GetParam&lt;string&gt;("config.smtp_host", message: "Missing SMTP host");
    /// var port = GetParam("config.smtp_port", 25);</code></example>
    /// <exception cref="JobStoppedException">The job has ended (with <paramref name="message"/> or before): let it through.</exception>
    protected T? GetParam<T>(string path, T? defaultValue = default, string? message = null)
    {
        ThrowIfStopped();
        // Refused whether or not the key is present, so that a test without the key catches it too.
        ParamConverter.EnsureSupported<T>();
        var token = FindParam(path);
        if (token is null)
        {
            if (message is not null)
            {
                Error(message);
            }

            return defaultValue;
        }

        try
        {
            return ParamConverter.Convert<T>(token, path);
        }
        catch (FormatException e)
        {
            Error(e.Message);
            return default;
        }
    }

    /// <summary>Reads the raw JSON at a dotted path, or null when it is missing or null.</summary>
    /// <param name="path">The dotted path.</param>
    /// <returns>The value, or null.</returns>
    /// <exception cref="JobStoppedException">The job has ended: let it through.</exception>
    protected JToken? GetParam(string path)
    {
        ThrowIfStopped();
        return FindParam(path);
    }

    /// <summary>
    /// The raw value at <paramref name="path"/> for both <c>GetParam</c>s, null when missing: the worker's kind
    /// may read a parameter its own way (an analyzer's <c>file</c> is a path in <c>input/</c>, as cortexutils').
    /// </summary>
    private protected virtual JToken? FindParam(string path) => ParamPath.Find(Input, path);

    /// <summary>The job's data: for a responder, the TheHive object (case, alert, task…). A missing one ends the job.</summary>
    /// <returns>The data.</returns>
    protected JToken GetData() => GetParam<JToken>("data", message: "Missing data field")!;

    /// <summary>Reads an environment variable; missing: the error <paramref name="message"/>, or the default.</summary>
    /// <param name="key">The variable's name.</param>
    /// <param name="defaultValue">The value when it is unset.</param>
    /// <param name="message">The error when it is unset, or null to return the default.</param>
    /// <returns>The value, or the default.</returns>
    /// <exception cref="JobStoppedException">The job has ended: let it through.</exception>
    protected string? GetEnv(string key, string? defaultValue = null, string? message = null)
    {
        ThrowIfStopped();
        var value = Runner.Context.GetEnvironmentVariable(key);
        if (value is null && message is not null)
        {
            Error(message);
        }

        return value ?? defaultValue;
    }

    /// <summary>
    /// Ends the job successfully with <paramref name="full"/> as its full report (the worker adds what its
    /// kind reports beside it). The job's first output wins: a later Report or Error is ignored and said on
    /// standard error.
    /// </summary>
    /// <param name="full">The full report; Cortex requires a JSON object.</param>
    protected void Report(JToken full)
    {
        ThrowIfStopped();
        if (full is not JObject report)
        {
            Error($"the full report must be a JSON object, but Report was given {JsonDescription.Of(full)}: wrap it, e.g. new JObject {{ [\"result\"] = value }}");
            return;
        }

        if (CortexJson.FirstNonJson(report) is { } value)
        {
            Error($"the full report holds a value that is not JSON at {value.Path} (JRaw, undefined, a constructor, NaN or an infinity): Cortex would reject the output");
        }

        Runner.Report(CompleteReport(report));

    }

    /// <summary>
    /// Ends the job with an error: writes <c>{"success": false, "input": …, "errorMessage": message}</c>
    /// with secrets masked, cancels the job's token, and stops the worker's code here with a
    /// <see cref="JobStoppedException"/> (as cortexutils' <c>error</c> exits).
    /// </summary>
    /// <param name="message">One line that says what to fix.</param>
    /// <exception cref="JobStoppedException">Always: let it through.</exception>
    [DoesNotReturn]
    protected void Error(string message)
    {
        ThrowIfStopped();
        Runner.Fail(message);
        Runner.CancelWork();
        throw new JobStoppedException("Error was called");
    }

    /// <summary>
    /// Records an action this job took that cannot be undone (a sender blocked, a ticket opened): if the job
    /// then fails, or Cortex stops it, its error message names the action, so that an analyst does not simply
    /// run it again. A successful report needs no record.
    /// </summary>
    /// <param name="action">What was done, in a few words ("blocked sender@example.org on the gateway").</param>
    /// <exception cref="JobStoppedException">The job has ended: let it through.</exception>
    protected void RecordAction(string action)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ThrowIfStopped();
        Runner.RecordAction(action, action);
    }

    /// <summary>As <see cref="RecordAction(string)"/>, with an id: a later record with the same id replaces it, a null action removes it.</summary>
    internal void RecordAction(string id, string? action) => Runner.RecordAction(id, action);

    /// <summary>
    /// Makes an <see cref="HttpClient"/> that goes through the job's proxies, trusts the job's CA
    /// certificates on top of the system's (validation stays on) and gives up after a timeout.
    /// </summary>
    /// <param name="timeout">The whole-request timeout; <see cref="DefaultHttpTimeout"/> when null.</param>
    /// <returns>A new client; dispose it when done.</returns>
    /// <exception cref="JobStoppedException">The job has ended, or the proxies or CA certificates are unusable (the error output says which): let it through.</exception>
    protected HttpClient CreateHttpClient(TimeSpan? timeout = null)
    {
        ThrowIfStopped();
        IWebProxy? proxy;
        try
        {
            proxy = JobProxy.Create(HttpProxy, HttpsProxy, GetEnv("no_proxy") ?? GetEnv("NO_PROXY"));
        }
        catch (FormatException e)
        {
            Error(e.Message);
            return null;
        }

        var certificates = Certificates;
        var handler = new SocketsHttpHandler
        {
            Proxy = proxy ?? HttpClient.DefaultProxy,
            ConnectTimeout = timeout ?? DefaultHttpTimeout,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) => certificates.Validate(certificate, chain, errors),
            },
        };
        return new HttpClient(handler, disposeHandler: true) { Timeout = timeout ?? DefaultHttpTimeout };
    }

    internal void Bind(JobLifecycle jobRunner, JObject jobInput)
    {
        runner = jobRunner;
        input = jobInput;
    }

    /// <summary>Reads the job's fields and makes cortexutils' checks, before <see cref="RunAsync"/>.</summary>
    internal void CheckJob()
    {
        DataType = GetParam<string>("dataType", message: "Missing dataType field")!;
        Tlp = GetParam("tlp", 2);
        Pap = GetParam("pap", 2);
        HttpProxy = GetParam<string>("config.proxy.http");
        HttpsProxy = GetParam<string>("config.proxy.https");
        if (Runner.Context.ExportProxies)
        {
            // cortexutils exports them so that any HTTP library of the responder's uses them.
            if (HttpProxy is not null)
            {
                Environment.SetEnvironmentVariable("http_proxy", HttpProxy);
            }

            if (HttpsProxy is not null)
            {
                Environment.SetEnvironmentVariable("https_proxy", HttpsProxy);
            }
        }

        if (GetParam("config.check_tlp", false) && Tlp > GetParam("config.max_tlp", 2))
        {
            Error("TLP is higher than allowed.");
        }

        if (GetParam("config.check_pap", false) && Pap > GetParam("config.max_pap", 2))
        {
            Error("PAP is higher than allowed.");
        }
    }

    /// <summary>What the worker's kind writes beside <paramref name="full"/>: <c>{"success": true, "full": …, …}</c>.</summary>
    private protected abstract JObject CompleteReport(JObject full);

    /// <summary>
    /// The operations of a report, as cortexutils computes them: an exception yields none (said on standard
    /// error), and an operation TheHive cannot apply after this job is said there too.
    /// </summary>
    private protected JArray CollectOperations(Func<IEnumerable<Operation>> operations)
    {
        var collected = new JArray();
        try
        {
            foreach (var operation in operations())
            {
                if (!operation.AppliesTo(OperationTarget))
                {
                    Logger.LogWarning("{Type} cannot follow a job on {DataType}: TheHive will reject it ({Reason})", operation.Type, OperationTarget, OperationCatalog.Find(operation.Type)?.Target ?? "TheHive does not know this operation");
                }

                collected.Add(operation.ToJson());
            }
        }
        catch (Exception e) when (e is not JobStoppedException)
        {
            Logger.LogWarning("Operations failed, the report goes without operations: {Reason}", ErrorText.Describe(e));
            collected = [];
        }

        return collected;
    }

    /// <summary>The TheHive object the job's operations act on: the job's data type (an analyzer's is its observable).</summary>
    private protected virtual string OperationTarget => DataType;

    /// <summary>Throws <see cref="JobStoppedException"/> once the job has ended with an error or was stopped by Cortex.</summary>
    private void ThrowIfStopped()
    {
        if (Runner.Stopped)
        {
            throw new JobStoppedException(Runner.StopReason);
        }
    }

    private static InvalidOperationException NotAttached() =>
        new("The worker has no job yet: it is only usable from RunAsync, started by ResponderHost or ResponderRunner.");

    private IConfiguration BuildConfiguration()
    {
        var builder = new ConfigurationBuilder();
        if (Input["config"] is JObject config)
        {
            builder.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(config.ToString(Formatting.None))));
        }

        return builder.Build();
    }

    private CaCertificates LoadCaCertificates()
    {
        try
        {
            return Network.CaCertificates.Load(CaCertificateSources());
        }
        catch (CryptographicException e)
        {
            Error(e.Message);
            return null;
        }
    }

    private List<(string Source, string Pem)> CaCertificateSources()
    {
        var sources = new List<(string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void AddFile(string? path)
        {
            if (!string.IsNullOrEmpty(path) && File.Exists(path) && seen.Add(Path.GetFullPath(path)))
            {
                sources.Add((path, File.ReadAllText(path)));
            }
        }

        if (JobDirectory is not null)
        {
            AddFile(JobFolder.CaCertificatesFile(JobDirectory));
        }

        AddFile(Runner.Context.GetEnvironmentVariable(JobFolder.CaBundleVariable));
        if (ParamPath.Find(Input, "config.cacerts") is { Type: JTokenType.String } value && ((string)value!).Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            sources.Add(("config.cacerts", (string)value!));
        }

        return sources;
    }
}
