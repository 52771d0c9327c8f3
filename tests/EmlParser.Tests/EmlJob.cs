using Cortex.Responders.TestSupport;
using MimeKit;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Analyzers.EmlParser.Tests;

/// <summary>A job on a file observable, laid out as Cortex lays it out: the file in input/ under a name of Cortex's, input.json naming it.</summary>
public static class EmlJob
{
    public const string Command = "EmlParser/EmlParser";

    public static CortexJob Create(MimeMessage message, string fileName = "reported.eml", JObject? config = null) =>
        Create(Messages.Bytes(message), fileName, config);

    public static CortexJob Create(byte[] content, string fileName = "reported.eml", JObject? config = null)
    {
        var job = CortexJob.Create(new JObject
        {
            ["dataType"] = "file",
            ["file"] = "attachment7f3a",
            ["filename"] = fileName,
            ["contentType"] = "message/rfc822",
            ["tlp"] = 2,
            ["pap"] = 2,
            ["config"] = config ?? new JObject(),
        });
        File.WriteAllBytes(Path.Combine(job.Directory, "input", "attachment7f3a"), content);
        return job;
    }

    /// <summary>As <see cref="Create(byte[], string, JObject)"/>, the message written straight to the file (a large one is never held in memory).</summary>
    public static CortexJob Create(Action<Stream> write, JObject? config = null)
    {
        var job = Create([], config: config);
        using var file = File.Create(Path.Combine(job.Directory, "input", "attachment7f3a"));
        write(file);
        return job;
    }
}
