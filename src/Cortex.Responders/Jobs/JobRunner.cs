using Cortex.Responders.Secrets;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Jobs;

/// <summary>
/// Runs one job from its input bytes to its single output, whatever the responder does: throws, never
/// reports, reports twice, ignores cancellation or is stopped by Cortex's timeout.
/// </summary>
internal sealed class JobRunner
{
    /// <summary>How long a stopped responder may take to finish its own clean-up before the process ends.</summary>
    internal static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(3);

    private readonly JobContext context;
    private readonly CancellationTokenSource cancellation = new();
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object gate = new();
    private JObject? input;
    private Responder? responder;
    private bool failed;
    private IReadOnlyCollection<string>? phrases;
    private bool resolvingPhrases;
    private HashSet<string>? secrets;

    public JobRunner(IJobOutputTarget target, JobContext context)
    {
        this.context = context;
        Output = new JobOutput(target, context.Log);
    }

    public JobOutput Output { get; }

    public JobContext Context => context;

    /// <summary>Reads, parses and runs the job; returns the process exit code (0 only for a clean report).</summary>
    public async Task<int> RunAsync(Func<Responder> create, Func<Stream> openInput, string inputSource)
    {
        var work = Task.Run(() => ExecuteAsync(create, openInput, inputSource));
        if (await Task.WhenAny(work, stopped.Task).ConfigureAwait(false) != work)
        {
            // The error is written already; give the responder's own clean-up a moment, no more.
            await Task.WhenAny(work, Task.Delay(GracePeriod)).ConfigureAwait(false);
            return 1;
        }

        await work.ConfigureAwait(false);
        return Output.State == JobOutputState.Report && !failed ? 0 : 1;
    }

    /// <summary>Stops the job (Cortex's timeout): writes the error output now, then cancels the responder.</summary>
    public void Stop(string message)
    {
        Fail(message);
        cancellation.Cancel();
        stopped.TrySetResult();
    }

    /// <summary>Writes an error output: the input with its secrets masked and a one-line message without them.</summary>
    public void Fail(string message, Exception? exception = null)
    {
        // Reentrant (an author's SecretPhrases may call Error) and shared with the SIGTERM handler's thread.
        lock (gate)
        {
            failed = true;
            try
            {
                var masked = input is null ? null : SecretMasker.MaskInput(input, Phrases(), new HashSet<string>(StringComparer.Ordinal));
                if (exception is not null)
                {
                    context.Log.WriteLine($"error: {Scrub(exception.ToString())}");
                }

                Output.WriteError(masked, OneLine(Scrub(message)));
            }
            catch (Exception e) when (e is not JobStoppedException)
            {
                // Last resort: an output without the input rather than none.
                context.Log.WriteLine($"error: masking the error output failed: {Describe(e)}");
                Output.WriteError(null, OneLine(SecretMasker.Scrub(message, [])));
            }
        }
    }

    /// <summary>Removes the job's secrets (and URL credentials) from a text bound for the output or the log.</summary>
    public string Scrub(string text)
    {
        lock (gate)
        {
            if (secrets is null && input is not null)
            {
                secrets = new HashSet<string>(StringComparer.Ordinal);
                SecretMasker.MaskInput(new JObject { ["config"] = input["config"]?.DeepClone() }, Phrases(), secrets);
            }

            return SecretMasker.Scrub(text, secrets ?? []);
        }
    }

    /// <summary>Writes the success report.</summary>
    public void Report(JObject full, JArray operations) => Output.WriteReport(full, operations);

    internal static string Describe(Exception exception)
    {
        while (exception is AggregateException { InnerExceptions.Count: 1 } or System.Reflection.TargetInvocationException
            && exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return $"{exception.GetType().Name}: {exception.Message}";
    }

    private static string OneLine(string message)
    {
        var line = string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length == 0 ? "the responder failed without a message" : line;
    }

    private IReadOnlyCollection<string> Phrases()
    {
        if (phrases is not null)
        {
            return phrases;
        }

        if (responder is null || resolvingPhrases)
        {
            return Responder.DefaultSecretPhrases;
        }

        resolvingPhrases = true;
        try
        {
            phrases = responder.SecretPhraseList;
        }
        catch (Exception e)
        {
            context.Log.WriteLine($"warning: SecretPhrases failed, the default phrases are used: {Describe(e)}");
            phrases = Responder.DefaultSecretPhrases;
        }
        finally
        {
            resolvingPhrases = false;
        }

        return phrases;
    }

    private async Task ExecuteAsync(Func<Responder> create, Func<Stream> openInput, string inputSource)
    {
        try
        {
            using (var stream = openInput())
            {
                input = JobInputReader.Parse(stream, inputSource);
            }

            // A job stopped while its input was read must not start acting anyway.
            cancellation.Token.ThrowIfCancellationRequested();
            responder = create();
            responder.Attach(this, input);
            cancellation.Token.ThrowIfCancellationRequested();
            await responder.RunAsync(cancellation.Token).ConfigureAwait(false);
            if (Output.State == JobOutputState.None)
            {
                Fail($"{responder.GetType().Name} finished without a report: call Report(full) or Error(message) before RunAsync returns");
            }
        }
        catch (JobStoppedException)
        {
            failed = true;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Stop wrote the error already.
        }
        catch (JobInputException e)
        {
            Fail(e.Message);
        }
        catch (Exception e) when (Output.State != JobOutputState.None)
        {
            failed = true;
            context.Log.WriteLine($"error: exception after the job's output was written: {Scrub(Describe(e))}");
        }
        catch (Exception e)
        {
            Fail(Describe(e), e);
        }
    }
}
