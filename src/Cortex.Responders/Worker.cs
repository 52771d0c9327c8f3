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

    internal static readonly IReadOnlyCollection<string> DefaultSecretPhrases =
        ["key", "password", "secret", "token", "pwd", "pass", "credential", "auth", "cookie", "bearer", "jwt", "session", "private", "signature", "hmac"];

    private JobLifecycle? runner;
    private JObject? input;
    private IConfiguration? configuration;
    private ILogger? logger;

    /// <summary>The job's data type (<c>thehive:case</c>, <c>thehive:alert</c>…), from the input's <c>dataType</c>.</summary>
    protected string DataType { get; private set; } = string.Empty;

    /// <summary>The TLP of the job's data (default 2).</summary>
    protected int Tlp { get; private set; } = JobChecks.DefaultLevel;

    /// <summary>The PAP of the job's data (default 2).</summary>
    protected int Pap { get; private set; } = JobChecks.DefaultLevel;

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

    internal IReadOnlyCollection<string> SecretPhraseList =>
        SecretPhrases.Select(phrase => phrase.ToLowerInvariant()).Where(phrase => phrase.Length > 0).ToArray();

    private JobLifecycle Runner => runner ?? throw NotAttached();

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
            throw Fail($"the full report must be a JSON object, but Report was given {JsonDescription.Of(full)}: wrap it, e.g. new JObject {{ [\"result\"] = value }}");
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

    internal void Bind(JobLifecycle jobRunner, JObject jobInput)
    {
        runner = jobRunner;
        input = jobInput;
    }

    /// <summary>Reads the job's fields and makes cortexutils' checks, before <see cref="RunAsync"/>.</summary>
    internal void CheckJob()
    {
        DataType = GetParam<string>("dataType", message: "Missing dataType field")!;
        Tlp = GetParam("tlp", JobChecks.DefaultLevel);
        Pap = GetParam("pap", JobChecks.DefaultLevel);
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

        var limits = (GetParam("config.check_tlp", false), GetParam("config.max_tlp", JobChecks.DefaultLevel),
            GetParam("config.check_pap", false), GetParam("config.max_pap", JobChecks.DefaultLevel));
        if (JobChecks.Refusal(Tlp, Pap, limits) is { } refusal)
        {
            Error(refusal);
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
        new("The worker has no job yet: it is only usable from RunAsync, started by ResponderHost or ResponderJob.");

    private IConfiguration BuildConfiguration()
    {
        var builder = new ConfigurationBuilder();
        if (Input["config"] is JObject config)
        {
            builder.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(config.ToString(Formatting.None))));
        }

        return builder.Build();
    }
}
