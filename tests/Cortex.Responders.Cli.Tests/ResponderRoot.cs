using System.Text;
using Cortex.Responders.TestSupport;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Cli.Tests;

/// <summary>A responders root in a temporary folder: flavor files and executables (shell scripts) written by the test.</summary>
internal sealed class ResponderRoot : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public string Path => directory.Path;

    /// <summary>A valid flavor of responder <paramref name="folder"/>, whose command is <c>&lt;folder&gt;/run.sh</c>.</summary>
    public static JObject Flavor(string name = "Acme_Notify", string folder = "Acme") => new()
    {
        ["name"] = name,
        ["version"] = "1.0",
        ["author"] = "Acme SOC",
        ["url"] = "https://example.org/acme",
        ["license"] = "MIT",
        ["description"] = "Notifies Acme",
        ["dataTypeList"] = new JArray("thehive:case", "thehive:alert"),
        ["command"] = $"{folder}/run.sh",
        ["baseConfig"] = "Acme",
        ["config"] = new JObject { ["service"] = "notify" },
        ["configurationItems"] = new JArray
        {
            new JObject { ["name"] = "api_url", ["description"] = "API", ["type"] = "string", ["multi"] = false, ["required"] = true, ["defaultValue"] = "https://api.example.org" },
            new JObject { ["name"] = "to", ["description"] = "Recipients", ["type"] = "string", ["multi"] = true, ["required"] = false, ["defaultValue"] = new JArray("soc@example.org") },
            new JObject { ["name"] = "retries", ["description"] = "Retries", ["type"] = "number", ["multi"] = false, ["required"] = false, ["defaultValue"] = 3 },
            new JObject { ["name"] = "dry_run", ["description"] = "Do nothing", ["type"] = "boolean", ["multi"] = false, ["required"] = false, ["defaultValue"] = false },
            new JObject { ["name"] = "template", ["description"] = "Body", ["type"] = "text", ["multi"] = false, ["required"] = false },
        },
    };

    /// <summary>A valid flavor of the test root with observable data types: an analyzer's.</summary>
    public static JObject AnalyzerFlavor()
    {
        var flavor = Flavor("Acme_Lookup");
        flavor["dataTypeList"] = new JArray("ip", "domain", "file");
        return flavor;
    }

    /// <summary>Writes <paramref name="content"/> to &lt;root&gt;/&lt;relative&gt;.</summary>
    public string Write(string relative, string content, bool executable = false)
    {
        var path = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        if (executable)
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        return path;
    }

    public string WriteFlavor(JObject flavor, string file = "Acme/Acme_Notify.json") => Write(file, flavor.ToString());

    /// <summary>A responder script: <paramref name="body"/> runs with $1 = the job folder, cwd = the root.</summary>
    public string WriteScript(string relative, string body) => Write(relative, "#!/bin/sh\n" + body + "\n", executable: true);

    public void Dispose() => directory.Dispose();
}
