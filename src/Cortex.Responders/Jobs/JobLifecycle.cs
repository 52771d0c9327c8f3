using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Jobs;

/// <summary>
/// Runs one job from its input bytes to its single output, whatever the responder does: throws, never
/// reports, reports twice, ignores cancellation, is stopped by Cortex's timeout or killed outright (the
/// provisional output stands in for the report it could not write).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Its token source is cancelled by a signal or a timer until the process ends (or, in-process, until the worker's code lets go of the token): it is never disposed, as a CancellationTokenSource without a timer needs not be.")]
internal sealed class JobLifecycle
{
    /// <summary>How long a stopped responder may take to finish its own clean-up before the process ends.</summary>
    internal static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(3);

    /// <summary>How long a stop waits for the input to be masked before it writes the error without it.</summary>
    private static readonly TimeSpan StopMaskingTime = TimeSpan.FromSeconds(1);

    private readonly JobContext context;
    private readonly CancellationTokenSource cancellation = new();
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock gate = new();
    private readonly ActionLog actions = new();
    private readonly JobSecrets secrets = new();
    private readonly ProvisionalOutput provisional;
    private readonly ErrorOutput errors;
    private JObject? input;
    private bool failed;
    private bool stopping;

    public JobLifecycle(IJobOutputTarget target, JobContext context)
    {
        this.context = context;
        Output = new JobOutput(target, context.Log);
        provisional = new ProvisionalOutput(Output, actions, secrets.Scrub);
        errors = new ErrorOutput(Output, actions, secrets, context.Log);
    }

    public JobOutput Output { get; }

    public JobContext Context => context;

    /// <summary>The process exit code so far: 0 only for a clean report.</summary>
    public int ExitCode
    {
        get
        {
            lock (gate)
            {
                return Output.State == JobOutputState.Report && !failed ? 0 : 1;
            }
        }
    }

    /// <summary>
    /// Reads, parses and runs the job; returns the process exit code (0 only for a clean report). With
    /// <paramref name="onThisThread"/> (the host) the job starts on the calling thread, so a responder that
    /// completes synchronously needs no other thread; the host then ends a job that holds its thread past a stop.
    /// </summary>
    public async Task<int> RunAsync(Func<Worker> create, Func<Stream> openInput, string inputSource, bool onThisThread = false)
    {
        // First of all, before the input is even read: from here on a kill leaves a valid output that says so.
        provisional.Write();
        var work = onThisThread ? ExecuteAsync(create, openInput, inputSource) : Task.Run(() => ExecuteAsync(create, openInput, inputSource));
        if (await Task.WhenAny(work, stopped.Task).ConfigureAwait(false) != work)
        {
            // The error is written already; give the responder's own clean-up a moment, no more.
            await Task.WhenAny(work, Task.Delay(GracePeriod)).ConfigureAwait(false);
        }
        else
        {
            await work.ConfigureAwait(false);
        }

        // A stop that came while the job was ending may still be writing its error: the process must not end
        // before that output is whole (else Cortex finds no output, or half a temporary file).
        if (Stopping())
        {
            await Task.WhenAny(stopped.Task, Task.Delay(GracePeriod)).ConfigureAwait(false);
        }

        return ExitCode;
    }

    /// <summary>
    /// Stops the job (Cortex's timeout): writes the error output now, unless the report is written already,
    /// then cancels the responder's token. A responder that has not started yet never starts.
    /// </summary>
    public void Stop(string message)
    {
        lock (gate)
        {
            if (stopping)
            {
                return;
            }

            stopping = true;
        }

        if (Output.State != JobOutputState.Report)
        {
            Fail(message, exception: null, StopMaskingTime);
        }

        stopped.TrySetResult();

        // The responder's token callbacks run on the thread pool: a slow or throwing one must not hold the stop up.
        _ = Task.Run(CancelToken);
    }

    /// <summary>
    /// Writes an error output: the input with its secrets masked and a one-line message without them. Calls
    /// no code of the responder's, so it is safe from any thread, the SIGTERM handler's included.
    /// </summary>
    public void Fail(string message, Exception? exception = null) => Fail(message, exception, maskingTime: null);

    /// <summary>
    /// Records an action the job took that cannot be undone (a mail the server accepted): any error written
    /// afterwards names it, so that nobody runs the job again blindly. A record with the same id replaces the
    /// earlier one; a null action removes it.
    /// </summary>
    public void RecordAction(string id, string? action)
    {
        actions.Record(id, action);
        provisional.Write();
    }

    private void Fail(string message, Exception? exception, TimeSpan? maskingTime)
    {
        JObject? source;
        lock (gate)
        {
            failed = true;
            source = input;
        }

        errors.Write(message, exception, source, maskingTime);
    }

    /// <summary>Removes the job's secrets (and URL credentials) from a text bound for the output or the log.</summary>
    public string Scrub(string text) => secrets.Scrub(text);

    /// <summary>Writes the success report, a whole <c>{"success": true, …}</c> document.</summary>
    public void Report(JObject document)
    {
        // The job's secrets have no place in what Cortex stores, a success report included.
        secrets.ScrubValues(document);
        Output.WriteReport(document);
    }

    /// <summary>Whether the job has ended with an error, or was stopped: the worker's code must not go on acting.</summary>
    public bool Stopped
    {
        get
        {
            lock (gate)
            {
                return failed || stopping;
            }
        }
    }

    /// <summary>Why the job ended, for <see cref="JobStoppedException"/>.</summary>
    public string StopReason
    {
        get
        {
            lock (gate)
            {
                return stopping ? "Cortex stopped it" : "it has failed";
            }
        }
    }

    /// <summary>Cancels the worker's token after an error, off the worker's thread (its callbacks may block or throw).</summary>
    public void CancelWork() => _ = Task.Run(CancelToken);

    private void CancelToken()
    {
        try
        {
            cancellation.Cancel();
        }
        catch (Exception e)
        {
            context.Log.WriteLine($"warning: a cancellation callback of the worker failed: {Scrub(ErrorText.Describe(e))}");
        }
    }

    /// <summary>Reads the responder's secret phrases once, on the job's own thread, before its checks run.</summary>
    private void ResolvePhrases(Worker responder)
    {
        IReadOnlyCollection<string> resolved;
        try
        {
            resolved = responder.SecretPhraseList;
        }
        catch (Exception e) when (e is not JobStoppedException)
        {
            context.Log.WriteLine($"warning: SecretPhrases failed, the default phrases are used: {ErrorText.Describe(e)}");
            resolved = Worker.DefaultSecretPhrases;
        }

        secrets.UsePhrases(resolved);
    }

    private bool Stopping()
    {
        lock (gate)
        {
            return stopping;
        }
    }

    private async Task ExecuteAsync(Func<Worker> create, Func<Stream> openInput, string inputSource)
    {
        try
        {
            JObject parsed;
            using (var stream = openInput())
            {
                parsed = JobInputReader.Parse(stream, inputSource);
            }

            lock (gate)
            {
                input = parsed;
            }

            secrets.UseInput(parsed);

            // A job stopped while its input was read, or while it was set up, must not start acting anyway.
            if (Stopping())
            {
                return;
            }

            var responder = create();
            responder.Bind(this, parsed);
            ResolvePhrases(responder);
            responder.CheckJob();
            if (Stopping())
            {
                return;
            }

            await responder.RunJobAsync(cancellation.Token).ConfigureAwait(false);
            if (Output.State == JobOutputState.None)
            {
                Fail($"{responder.GetType().Name} finished without a report: call Report(full) or Error(message) before RunAsync returns");
            }
        }
        catch (JobStoppedException)
        {
            lock (gate)
            {
                failed = true;
            }
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
            lock (gate)
            {
                failed = true;
            }

            context.Log.WriteLine($"error: exception after the job's output was written: {Scrub(ErrorText.Describe(e))}");
        }
        catch (Exception e)
        {
            Fail(ErrorText.Describe(e), e);
        }
    }
}
