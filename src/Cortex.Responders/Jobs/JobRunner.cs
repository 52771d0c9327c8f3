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
    private JObject? input;
    private Responder? responder;
    private bool failed;

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
        failed = true;
        var phrases = responder?.SecretPhraseList ?? Responder.DefaultSecretPhrases;
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        var masked = input is null ? null : SecretMasker.MaskInput(input, phrases, secrets);
        if (exception is not null)
        {
            context.Log.WriteLine($"error: {SecretMasker.Scrub(exception.ToString(), secrets)}");
        }

        Output.WriteError(masked, SecretMasker.Scrub(OneLine(message), secrets));
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

    private async Task ExecuteAsync(Func<Responder> create, Func<Stream> openInput, string inputSource)
    {
        try
        {
            using (var stream = openInput())
            {
                input = JobInputReader.Parse(stream, inputSource);
            }

            responder = create();
            responder.Attach(this, input);
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
            context.Log.WriteLine($"error: exception after the job's output was written: {Describe(e)}");
        }
        catch (Exception e)
        {
            Fail(Describe(e), e);
        }
    }
}
