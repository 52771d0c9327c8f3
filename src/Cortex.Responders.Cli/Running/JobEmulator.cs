using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Cli.Running;

/// <summary>
/// Cortex's process runner, step by step: the job input and folder it writes, the command it starts (job
/// folder as argument, root as working directory), SIGTERM at the timeout, its "no output" rule, then the
/// report read as Cortex and TheHive read it.
/// </summary>
internal static partial class JobEmulator
{
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(10);

    private static readonly Dictionary<string, string> TypeNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["case"] = "thehive:case",
        ["alert"] = "thehive:alert",
        ["case_artifact"] = "thehive:case_artifact",
        ["observable"] = "thehive:case_artifact",
        ["case_task"] = "thehive:case_task",
        ["task"] = "thehive:case_task",
        ["case_task_log"] = "thehive:case_task_log",
        ["log"] = "thehive:case_task_log",
    };

    /// <summary>Builds the job; null with <paramref name="refusals"/> when Cortex or TheHive would not run it.</summary>
    public static JObject? BuildInput(JObject definition, JToken given, RunRequest request, out List<string> refusals)
    {
        refusals = [];
        // A whole job input has data, dataType and config or parameters; a TheHive observable has data and
        // dataType too, but also _type.
        var whole = given is JObject g && g.ContainsKey("data") && g.ContainsKey("dataType") && !g.ContainsKey("_type") && (g.ContainsKey("config") || g.ContainsKey("parameters")) ? g : null;
        var data = whole?["data"] ?? given;
        foreach (var (field, kind) in new[] { ("dataType", JTokenType.String), ("message", JTokenType.String), ("tlp", JTokenType.Integer), ("pap", JTokenType.Integer), ("config", JTokenType.Object), ("parameters", JTokenType.Object) })
        {
            if (whole?[field] is { } value && value.Type != kind)
            {
                refusals.Add($"the job input's \"{field}\" is {value.Type.ToString().ToLowerInvariant()}, not {(kind == JTokenType.Integer ? "a whole number" : kind.ToString().ToLowerInvariant())}: Cortex and cortexutils would refuse it");
            }
        }

        if (refusals.Count > 0)
        {
            return null;
        }

        var dataType = request.DataType
            ?? (string?)whole?["dataType"]
            ?? (data is JObject o && o["_type"]?.Type == JTokenType.String && TypeNames.TryGetValue((string)o["_type"]!, out var guessed) ? guessed : null);
        if (dataType is null)
        {
            refusals.Add("cannot tell the data type: give --data-type (thehive:case, thehive:alert, …) or a whole job input with \"dataType\"");
            return null;
        }

        if (definition["dataTypeList"] is not JArray types || !types.Values<string>().Contains(dataType))
        {
            refusals.Add($"the flavor does not take {dataType} (its dataTypeList: {definition["dataTypeList"]?.ToString(Formatting.None) ?? "none"}): TheHive would not offer it");
        }

        var config = ConfigBuilder.Build(definition, whole?["config"] as JObject, request.Config, out var configRefusals);
        refusals.AddRange(configRefusals);
        return refusals.Count > 0 ? null : new JObject
        {
            ["data"] = data.DeepClone(),
            ["dataType"] = dataType,
            ["tlp"] = request.Tlp ?? (int?)whole?["tlp"] ?? Level(data, "tlp"),
            ["pap"] = request.Pap ?? (int?)whole?["pap"] ?? Level(data, "pap"),
            ["message"] = (string?)whole?["message"] ?? string.Empty,
            ["parameters"] = whole?["parameters"]?.DeepClone() ?? new JObject { ["organisation"] = "cortex-responder", ["user"] = "cortex-responder" },
            ["config"] = config,
        };
    }

    /// <summary>Runs the job; <paramref name="launch"/>, given the job folder, starts it another way than Cortex's process runner (a container runner).</summary>
    public static async Task<RunResult> RunAsync(string root, string? command, JObject input, RunRequest request, CancellationToken cancellationToken, Func<string, ProcessStartInfo>? launch = null)
    {
        var result = new RunResult();
        var jobFolder = Path.Combine(Path.GetTempPath(), $"cortex-job-{Guid.NewGuid():N}-{Random.Shared.Next():x}");
        Directory.CreateDirectory(Path.Combine(jobFolder, "input"));
        Directory.CreateDirectory(Path.Combine(jobFolder, "output"));
        if (!OperatingSystem.IsWindows())
        {
            // Files.createTempDirectory: owner-only, which decides who can read it inside a container.
            File.SetUnixFileMode(jobFolder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        result.JobFolder = jobFolder;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(jobFolder, "input", "input.json"), input.ToString(Formatting.None), new UTF8Encoding(false), cancellationToken);
            var caPath = Path.Combine(jobFolder, "input", "cacerts");
            if (request.CaCertificates is { } pem)
            {
                await File.WriteAllTextAsync(caPath, await File.ReadAllTextAsync(pem, cancellationToken), cancellationToken);
            }

            var executable = launch is null ? Path.GetFullPath(Path.Combine(root, command!)) : string.Empty;
            // Cortex runs the command from its folder's parent: the root for the usual <Folder>/<executable>.
            var start = launch?.Invoke(jobFolder) ?? new ProcessStartInfo(executable)
            {
                WorkingDirectory = Path.GetDirectoryName(Path.GetDirectoryName(executable)) ?? root,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (launch is null)
            {
                start.ArgumentList.Add(jobFolder);
                start.Environment.Remove("REQUESTS_CA_BUNDLE");
                if (request.CaCertificates is not null)
                {
                    start.Environment["REQUESTS_CA_BUNDLE"] = caPath;
                }
            }

            result.Command = launch is null
                ? $"(cd {start.WorkingDirectory} && {Path.GetRelativePath(start.WorkingDirectory, executable)} {jobFolder})"
                : string.Join(' ', [start.FileName, .. start.ArgumentList]);
            var timeout = request.Timeout ?? TimeSpan.FromMinutes((double?)input["config"]?["jobTimeout"] is > 0 and var minutes ? minutes : 30);
            var stopwatch = Stopwatch.StartNew();
            Process process;
            try
            {
                process = Start(start);
            }
            catch (System.ComponentModel.Win32Exception exception)
            {
                result.Verdict = "failure";
                result.Problems.Add($"Cortex cannot start {executable}: {exception.Message}{(File.Exists(executable) ? " (is its run bit set? is its interpreter installed?)" : " (no such file)")}");
                return result;
            }

            using (process)
            {
                process.StandardInput.Close();
                var printed = new List<string>();
                var readOut = Collect(process.StandardOutput, printed, result, "stdout");
                var readErr = Collect(process.StandardError, printed, result, "stderr");
                using var stopOnCancel = cancellationToken.Register(() => Kill(process));
                if (!await ExitedAsync(process, timeout, cancellationToken))
                {
                    result.Terminated = true;
                    Terminate(process.Id);
                    if (!await ExitedAsync(process, KillGrace, cancellationToken))
                    {
                        process.Kill(entireProcessTree: true);
                        result.Warnings.Add($"the process ignored SIGTERM for {KillGrace.TotalSeconds} s and was killed");
                        await process.WaitForExitAsync(cancellationToken);
                    }
                }

                result.Elapsed = stopwatch.Elapsed;

                // A child the responder left behind may hold the pipes open: take what came, do not wait for it.
                await Task.WhenAny(Task.WhenAll(readOut, readErr), Task.Delay(TimeSpan.FromSeconds(2), cancellationToken));
                result.ExitCode = process.ExitCode;
                lock (printed)
                {
                    result.LogClosed = true;
                    if (launch is not null && Images.ContainerLaunch.NotStarted(process.ExitCode) && !File.Exists(Path.Combine(jobFolder, "output", "output.json")))
                    {
                        result.Verdict = "not started";
                        result.Problems.Add($"the container engine could not start the image (exit {process.ExitCode}): {printed.LastOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "no reason given"}");
                    }
                    else
                    {
                        Judge(result, jobFolder, (string)input["dataType"]!, [.. printed], timeout, request.Runner != Images.ContainerLaunch.Kubernetes);
                    }
                }
            }

            return result;
        }
        finally
        {
            if (!request.KeepJobFolder)
            {
                try
                {
                    Directory.Delete(jobFolder, recursive: true);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    result.Warnings.Add($"the job folder could not be deleted ({exception.Message}); Cortex would fail the same way");
                }

                result.JobFolder = null;
            }
        }
    }

    private static void Judge(RunResult result, string jobFolder, string dataType, List<string> printed, TimeSpan timeout, bool writesMissingOutput)
    {
        if (result.Terminated)
        {
            result.Warnings.Add($"Cortex's job timeout ({timeout.TotalSeconds:0.###} s) was reached: the process got SIGTERM");
        }

        var outputFile = Path.Combine(jobFolder, "output", "output.json");
        var text = File.Exists(outputFile) ? File.ReadAllText(outputFile) : string.Empty;
        if (text.Length == 0 && !writesMissingOutput)
        {
            // Cortex's Kubernetes runner writes nothing in place of a missing report.
            result.Verdict = "no output";
            result.Problems.Add($"no output/output.json{(result.Terminated ? " after SIGTERM" : string.Empty)}: Cortex's Kubernetes runner writes nothing in its place, and the job shows no output");
            return;
        }

        if (text.Length == 0)
        {
            // Cortex writes what the process printed in place of the missing report.
            result.Verdict = "no output";
            // Cortex concatenates the printed lines as they are, without separators.
            result.Output = new JObject { ["success"] = false, ["errorMessage"] = string.Concat(printed) };
            result.Problems.Add($"no output/output.json{(result.Terminated ? " after SIGTERM" : string.Empty)}: Cortex fails the job with everything the process printed as its message");
            return;
        }

        JToken parsed;
        try
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
            parsed = JToken.ReadFrom(reader);
        }
        catch (JsonReaderException exception)
        {
            result.Verdict = "invalid output";
            result.Problems.Add($"output/output.json is not JSON ({exception.Message}): Cortex cannot read the report and the job never ends well in TheHive");
            return;
        }

        if (parsed is not JObject output)
        {
            result.Verdict = "invalid output";
            result.Problems.Add($"output/output.json is {parsed.Type.ToString().ToLowerInvariant()}, not an object: Cortex cannot read the report and the job never ends well in TheHive");
            return;
        }

        result.Output = output;
        if (output["success"] is not { Type: JTokenType.Boolean } success || !(bool)success)
        {
            result.Verdict = "failure";
            var message = output["errorMessage"];
            result.Problems.Add(message?.Type == JTokenType.String
                ? $"the responder failed: {message}"
                : "the responder failed without an \"errorMessage\" string: TheHive shows no reason");
            if (output["success"] is not { Type: JTokenType.Boolean })
            {
                result.Warnings.Add("\"success\" is missing or not a boolean: Cortex counts the job as failed");
            }

            return;
        }

        result.Verdict = "success";
        result.Success = true;
        if (output["full"] is not JObject)
        {
            result.Verdict = "broken report";
            result.Problems.Add($"\"full\" is {(output["full"] is null ? "missing" : output["full"]!.Type.ToString().ToLowerInvariant())}, not an object: TheHive cannot build the report");
        }

        switch (output["operations"])
        {
            case null:
                break;
            case JArray operations:
                for (var i = 0; i < operations.Count; i++)
                {
                    foreach (var problem in OperationRules.Check(operations[i], dataType))
                    {
                        result.Problems.Add($"operations[{i}]: {problem}");
                    }
                }

                break;
            default:
                result.Problems.Add("\"operations\" is not an array: TheHive applies none");
                break;
        }

        if (result.ExitCode is not 0)
        {
            result.Warnings.Add($"the process exited with {result.ExitCode} after a successful report: Cortex keeps the report, but something failed after it");
        }

        if (result.Log.Any(l => l.StartsWith("stdout: ", StringComparison.Ordinal)))
        {
            result.Warnings.Add("the process printed on standard output: Cortex only logs it here, but with Cortex 2's stdin/stdout transport it breaks the report (\"Invalid output\")");
        }
    }

    private static async Task Collect(StreamReader reader, List<string> printed, RunResult result, string stream)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (printed)
            {
                if (result.LogClosed)
                {
                    return;
                }

                printed.Add(line);
                result.Log.Add($"{stream}: {line}");
            }
        }
    }

    /// <summary>Starts the process; a script without a #! line runs with /bin/sh, as the JVM's process launcher does.</summary>
    private static Process Start(ProcessStartInfo start)
    {
        const int ENOEXEC = 8;
        try
        {
            return Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception exception) when (exception.NativeErrorCode == ENOEXEC)
        {
            var shell = new ProcessStartInfo("/bin/sh")
            {
                WorkingDirectory = start.WorkingDirectory,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            shell.ArgumentList.Add(start.FileName);
            foreach (var argument in start.ArgumentList)
            {
                shell.ArgumentList.Add(argument);
            }

            shell.Environment.Clear();
            foreach (var (key, value) in start.Environment)
            {
                shell.Environment[key] = value;
            }

            return Process.Start(shell)!;
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already ended.
        }
    }

    private static int Level(JToken data, string name) => data is JObject o && o[name]?.Type == JTokenType.Integer ? (int)o[name]! : 2;

    private static async Task<bool> ExitedAsync(Process process, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static void Terminate(int processId)
    {
        const int SIGTERM = 15;
        _ = Kill(processId, SIGTERM);
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
