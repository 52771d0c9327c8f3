using Cortex.Responders;
using Cortex.Responders.TestSupport;
using MimeKit;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Analyzers.EmlParser.Tests;

/// <summary>A job on a file observable, laid out as Cortex lays it out: the file in input/ under a name of Cortex's, input.json naming it.</summary>
public static class EmlJob
{
    public const string Command = "EmlParser/EmlParser";

    public static CortexJob Create(MimeMessage message, string fileName = "reported.eml")
    {
        using var buffer = new MemoryStream();
        message.WriteTo(buffer);
        return Create(buffer.ToArray(), fileName);
    }

    public static CortexJob Create(byte[] content, string fileName = "reported.eml")
    {
        var job = CortexJob.Create(new JObject
        {
            ["dataType"] = "file",
            ["file"] = "attachment7f3a",
            ["filename"] = fileName,
            ["contentType"] = "message/rfc822",
            ["tlp"] = 2,
            ["pap"] = 2,
            ["config"] = new JObject(),
        });
        File.WriteAllBytes(Path.Combine(job.Directory, "input", "attachment7f3a"), content);
        return job;
    }
}
