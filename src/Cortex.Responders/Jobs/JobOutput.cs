using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Jobs;

/// <summary>
/// The one output of a job. The first report or error is written; any later one is ignored and said on
/// the log, so Cortex always reads exactly one complete document.
/// </summary>
internal sealed class JobOutput(IJobOutputTarget target, TextWriter log)
{
    private readonly Lock gate = new();

    public JobOutputState State { get; private set; }

    /// <summary>Whether a provisional output can stand where the real one will go (a file, not standard output).</summary>
    public bool KeepsProvisional => target.KeepsProvisional;

    public void WriteReport(JObject document) => Write(document, JobOutputState.Report, "report");

    public void WriteError(JObject? maskedInput, string message)
    {
        Write(JobReport.ForFailure(maskedInput, message).Document, JobOutputState.Error, $"error \"{message}\"");
    }

    /// <summary>
    /// Writes a failure output that the real output will replace (<see cref="ProvisionalOutput"/>), unless that one
    /// is written already; the state stays <see cref="JobOutputState.None"/>. A failure to write it is left to the
    /// real output to say.
    /// </summary>
    public void WriteProvisional(string message)
    {
        var document = JobReport.ForFailure(maskedInput: null, message).Document;
        lock (gate)
        {
            if (State != JobOutputState.None)
            {
                return;
            }

            try
            {
                target.Write(stream => Serialize(document, stream));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // output/ is not writable (yet): the real output tries again and says why it cannot.
            }
        }
    }

    /// <summary>Writes <paramref name="document"/> as compact UTF-8 JSON without BOM, non-ASCII unescaped, as cortexutils does; only JSON can be written.</summary>
    internal static void Serialize(JObject document, Stream stream) => CortexJson.Write(document, stream);

    internal static byte[] Serialize(JObject document) => CortexJson.Serialize(document);

    private void Write(JObject document, JobOutputState state, string what)
    {
        lock (gate)
        {
            if (State != JobOutputState.None)
            {
                log.WriteLine($"warning: {what} ignored: this job already has its output (the first Report or Error wins)");
                return;
            }

            try
            {
                target.Write(stream => Serialize(document, stream));
            }
            catch (Exception e)
            {
                // Whatever failed (disk, permissions, a path Cortex mapped wrong), say it rather than crash.
                State = JobOutputState.Unwritable;
                log.WriteLine($"error: cannot write the job output to {target.Description}: {e.Message}");
                if (state == JobOutputState.Error)
                {
                    log.WriteLine($"error: the job failed: {document[ReportKeys.ErrorMessage]}");
                }

                return;
            }

            State = state;
        }
    }
}
