using System.Diagnostics;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Analyzers.EmlParser.Tests.PythonEmail;

/// <summary>
/// Python's own email test messages (Debian's <c>libpython3.11-testsuite</c>) and what Python's <c>email</c>
/// package reads in them (<c>decode_messages.py</c>, run once with Debian's python3): the other side of the
/// comparison, written by nobody here.
/// </summary>
public static class PythonEmail
{
    public const string Folder = "/usr/lib/python3.11/test/test_email/data";

    private static readonly Lazy<JObject> Decoded = new(Decode);

    /// <summary>The messages, by file name (msg_01.txt…); none when the package is missing (the test then fails, saying so).</summary>
    public static IEnumerable<string> Messages() =>
        Directory.Exists(Folder) ? Directory.GetFiles(Folder, "msg_*.txt").Select(Path.GetFileName).Order(StringComparer.Ordinal)! : ["(missing)"];

    /// <summary>{"subject", "bodies": [{"type", "text"}], "attachments": [names]} of one message.</summary>
    public static JObject Read(string name) => (JObject)Decoded.Value[Path.Combine(Folder, name)]!;

    private static JObject Decode()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "PythonEmail", "decode_messages.py");
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var file in Directory.GetFiles(Folder, "msg_*.txt"))
        {
            start.ArgumentList.Add(file);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"decode_messages.py failed: {errors.Result}");
        }

        return JObject.Parse(output);
    }
}
