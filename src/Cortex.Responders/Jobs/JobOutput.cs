using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Jobs;

/// <summary>
/// The one output of a job. The first report or error is written; any later one is ignored and said on
/// the log, so Cortex always reads exactly one complete document.
/// </summary>
internal sealed class JobOutput(IJobOutputTarget target, TextWriter log)
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private readonly Lock gate = new();

    public JobOutputState State { get; private set; }

    public void WriteReport(JObject full, JArray operations) =>
        Write(new JObject { ["success"] = true, ["full"] = full, ["operations"] = operations }, JobOutputState.Report, "report");

    public void WriteError(JObject? maskedInput, string message)
    {
        var document = new JObject { ["success"] = false };
        if (maskedInput is not null)
        {
            document["input"] = maskedInput;
        }

        document["errorMessage"] = message;
        Write(document, JobOutputState.Error, $"error \"{message}\"");
    }

    /// <summary>Writes <paramref name="document"/> as compact UTF-8 JSON without BOM, non-ASCII unescaped, as cortexutils does.</summary>
    internal static void Serialize(JObject document, Stream stream)
    {
        using var writer = new StreamWriter(stream, Utf8NoBom, bufferSize: 64 * 1024, leaveOpen: true);
        using var json = new JsonTextWriter(writer) { Formatting = Formatting.None, StringEscapeHandling = StringEscapeHandling.Default };
        document.WriteTo(json);
    }

    internal static byte[] Serialize(JObject document)
    {
        using var buffer = new MemoryStream();
        Serialize(document, buffer);
        return buffer.ToArray();
    }

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
                    log.WriteLine($"error: the job failed: {document["errorMessage"]}");
                }

                return;
            }

            State = state;
        }
    }
}
