using Cortex.Responders.Artifacts;
using Cortex.Responders.Jobs;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders;

/// <summary>
/// The base class of an analyzer: derive from it, implement <see cref="Worker.RunAsync"/>, end it with
/// <see cref="Worker.Report"/> or <see cref="Worker.Error"/>, and start it with
/// <see cref="AnalyzerHost.RunAsync{TAnalyzer}"/>. It ports cortexutils' <c>Analyzer</c>: beside the full report
/// it reports a <see cref="Summary"/> (taxonomies, see <see cref="BuildTaxonomy"/>), <see cref="Artifacts"/>
/// (by default, the observables found in the report's strings) and <see cref="Operations"/>; everything else
/// (<see cref="Worker.GetParam{T}"/>, TLP/PAP checks, secret masking, one valid output whatever happens) is
/// the same as a responder's.
/// </summary>
/// <example>
/// <code>
/// public sealed class Lookup : Analyzer
/// {
///     protected override Task RunAsync(CancellationToken cancellationToken)
///     {
///         Report(new JObject { ["seen"] = GetObservable() == "198.51.100.7", ["relay"] = "203.0.113.9" });
///         return Task.CompletedTask;
///     }
///
///     protected override JObject Summary(JObject full) =&gt;
///         JobReport.SummaryOf([BuildTaxonomy((bool)full["seen"]! ? TaxonomyLevels.Suspicious : TaxonomyLevels.Safe, "Lookup", "seen", (bool)full["seen"]!)]);
/// }
/// </code>
/// </example>
public abstract class Analyzer : Worker
{
    /// <summary>
    /// The analysed value: for a <c>file</c>, the file's name in TheHive (the input's <c>filename</c>; open the
    /// file itself with <see cref="GetInputFile"/>); otherwise the input's <c>data</c>. A missing one ends the job.
    /// </summary>
    /// <returns>The value.</returns>
    /// <exception cref="JobStoppedException">It is missing (the job has ended): let it through.</exception>
    protected string GetObservable() => DataType == ObservableTypes.File
        ? GetParam<string>("filename", message: "Missing filename.")!
        : GetParam<string>("data", message: "Missing data field")!;

    /// <summary>
    /// The file a job on a <c>file</c> observable analyses, in the job's <c>input/</c> folder. Any other job,
    /// a job without a job folder (standard input) or a file that is not there ends with an error.
    /// </summary>
    /// <returns>The file.</returns>
    /// <exception cref="JobStoppedException">There is no such file (the job has ended): let it through.</exception>
    protected InputFile GetInputFile()
    {
        if (DataType != ObservableTypes.File)
        {
            Error($"this job's data type is \"{DataType}\", not \"file\": only a file observable has an input file; remove \"{DataType}\" from the flavor's dataTypeList or read GetObservable()");
        }

        if (JobDirectory is null)
        {
            Error("the job came on standard input, which carries no file: run the analyzer as <command> <jobFolder> with the file in <jobFolder>/input/");
        }

        var path = GetParam<string>(
            "file",
            message: "the input file is missing: the job input's \"file\" must name a file directly inside the job's input/ folder")!;
        var fileName = GetParam<string>("filename", message: "Missing filename.")!;
        return new InputFile(path, fileName, GetParam<string>("contentType") ?? "application/octet-stream");
    }

    /// <summary>
    /// The summary TheHive shows beside the observable (its short report), computed from the full report;
    /// usually <c>{"taxonomies": [BuildTaxonomy(…), …]}</c>. An exception here is logged and yields <c>{}</c>, as in cortexutils.
    /// </summary>
    /// <param name="full">The full report given to <see cref="Worker.Report"/>.</param>
    /// <returns>The summary; <c>{}</c> by default.</returns>
    protected virtual JObject Summary(JObject full) => [];

    /// <summary>
    /// The artifacts of the report: observables TheHive may add to the case. By default, unless
    /// <c>config.auto_extract</c> (else <c>config.auto_extract_artifacts</c>) is false, every string of the full
    /// report (at any depth) that is an IP, URL, domain, FQDN, hash, user agent, URI path, registry key or mail
    /// address, as cortexutils' extractor finds them, skipping every string that contains the analysed value, each once.
    /// Override to add your own (<see cref="BuildArtifact"/>), calling the base to keep these.
    /// </summary>
    /// <param name="full">The full report given to <see cref="Worker.Report"/>.</param>
    /// <returns>The artifacts.</returns>
    protected virtual IEnumerable<JObject> Artifacts(JObject full)
    {
        if (!GetParam("config.auto_extract", GetParam("config.auto_extract_artifacts", true)))
        {
            return [];
        }

        return new ArtifactExtractor(GetObservable()).CheckReport(full).Cast<JObject>();
    }

    /// <summary>
    /// The operations TheHive applies after a successful job (cortexutils 2.2), computed from the full report,
    /// with the typed factories of <see cref="Operation"/>. An exception here is logged and yields no operation.
    /// </summary>
    /// <param name="full">The full report given to <see cref="Worker.Report"/>.</param>
    /// <returns>The operations; none by default.</returns>
    protected virtual IEnumerable<Operation> Operations(JObject full) => [];

    /// <summary>
    /// A taxonomy of the summary: <c>{"level", "namespace", "predicate", "value"}</c>, as TheHive shows it
    /// (namespace:predicate="value", coloured by level).
    /// </summary>
    /// <param name="level"><c>info</c>, <c>safe</c>, <c>suspicious</c> or <c>malicious</c>; anything else becomes <c>info</c>, as in cortexutils.</param>
    /// <param name="namespace">The analyzer's name, e.g. <c>"VirusTotal"</c>.</param>
    /// <param name="predicate">What is measured, e.g. <c>"Score"</c>.</param>
    /// <param name="value">The value, e.g. <c>"3/70"</c> or a number.</param>
    /// <returns>The taxonomy.</returns>
    protected static JObject BuildTaxonomy(string level, string @namespace, string predicate, JToken value) =>
        JobReport.Taxonomy(level, @namespace, predicate, value);

    /// <summary>
    /// An artifact for <see cref="Artifacts"/>: <c>{…fields, "dataType": dataType, "data": data}</c>. For
    /// <c>file</c>, <paramref name="data"/> is the path of a file: it is copied into the job's <c>output/</c>
    /// folder under a fresh name, read-only, and referenced as <c>{…fields, "dataType": "file", "file": &lt;that
    /// name&gt;, "filename": &lt;the original name&gt;}</c>, so that Cortex attaches it.
    /// </summary>
    /// <param name="dataType">The observable type (<see cref="ObservableTypes"/>).</param>
    /// <param name="data">The value, or the path of the file for <c>file</c>.</param>
    /// <param name="fields">More fields of the artifact (<c>message</c>, <c>tags</c>, <c>tlp</c>…), or null.</param>
    /// <returns>The artifact.</returns>
    /// <exception cref="JobStoppedException">
    /// A file artifact whose file does not exist or cannot be copied, or a job without a job folder (the job has
    /// ended): let it through.
    /// </exception>
    protected JObject BuildArtifact(string dataType, string data, JObject? fields = null)
    {
        ArgumentNullException.ThrowIfNull(dataType);
        ArgumentNullException.ThrowIfNull(data);
        var artifact = (JObject?)fields?.DeepClone() ?? [];
        if (dataType != ObservableTypes.File)
        {
            artifact[ArtifactKeys.DataType] = dataType;
            artifact[ArtifactKeys.Data] = data;
            return artifact;
        }

        if (!File.Exists(data))
        {
            Error($"BuildArtifact(\"file\", …) was given \"{data}\", which is not a file: give the path of the file to attach");
        }

        if (JobDirectory is null)
        {
            Error("a file artifact needs the job folder's output/, but this job came on standard input: run the analyzer as <command> <jobFolder>");
        }

        artifact[ArtifactKeys.DataType] = dataType;
        artifact[ArtifactKeys.File] = CopyToOutput(data);
        artifact[ArtifactKeys.Filename] = Path.GetFileName(data);
        return artifact;
    }

    /// <summary>
    /// <c>{"success": true, "summary": …, "artifacts": …, "operations": …, "full": full}</c>, as cortexutils'
    /// analyzer reports.
    /// </summary>
    private protected sealed override JObject CompleteReport(JObject full)
    {
        JObject summary;
        try
        {
            summary = Summary(full);
        }
        catch (Exception e) when (e is not JobStoppedException)
        {
            Logger.LogWarning("Summary failed, the report goes with an empty summary: {Reason}", ErrorText.Describe(e));
            summary = [];
        }

        JArray artifacts;
        try
        {
            artifacts = new JArray(Artifacts(full));
        }
        catch (Exception e) when (e is not JobStoppedException)
        {
            // cortexutils lets this exception end the analyzer; here it ends the job with its one output.
            Error($"Artifacts failed, so the report cannot be written: {ErrorText.Describe(e)}");
            throw;
        }

        return JobReport.ForAnalyzer(full, summary, artifacts, CollectOperations(() => Operations(full))).Document;
    }

    /// <summary>An analyzer's job runs on an observable of TheHive's, whatever its type: its operations act on that observable (or its case).</summary>
    private protected override string OperationTarget => DataTypes.Observable;

    /// <summary>As cortexutils: <c>file</c> of a file job is the path of the file in <c>input/</c>, or missing when there is none.</summary>
    private protected override JToken? FindParam(string path)
    {
        var token = base.FindParam(path);
        if (path != "file" || DataType != ObservableTypes.File || JobDirectory is null)
        {
            return token;
        }

        // Cortex names a file directly inside input/; anything else (a path, "..") is no file of this job's.
        if (token is not JValue { Type: JTokenType.String, Value: string name }
            || name.Length == 0 || name is "." or ".." || Path.GetFileName(name) != name)
        {
            return null;
        }

        var file = Path.Combine(JobDirectory, JobFolder.InputFolder, name);
        return File.Exists(file) ? new JValue(file) : null;
    }

    private string CopyToOutput(string source)
    {
        var folder = Path.Combine(JobDirectory!, JobFolder.OutputFolder);
        Directory.CreateDirectory(folder);
        try
        {
            while (true)
            {
                // A fresh name that is never output.json, as cortexutils' temporary files.
                var name = $"artifact-{Path.GetRandomFileName().Replace(".", string.Empty, StringComparison.Ordinal)}";
                var target = Path.Combine(folder, name);
                FileStream destination;
                try
                {
                    destination = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                }
                catch (IOException) when (File.Exists(target))
                {
                    continue;
                }

                using (destination)
                using (var input = File.OpenRead(source))
                {
                    input.CopyTo(destination);
                }

                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                }

                return name;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Error($"the file artifact \"{Path.GetFileName(source)}\" could not be copied into output/: {e.Message}");
            throw;
        }
    }
}
