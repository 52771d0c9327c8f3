using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Cli.Running;

/// <summary>
/// The job input Cortex writes to <c>input/input.json</c>: for a responder the TheHive object as <c>data</c>; for an
/// analyzer the observable's value as the <c>data</c> string or, for a <c>file</c>, <c>file</c> (the name Cortex gives
/// the copy in <c>input/</c>), <c>filename</c> and <c>contentType</c> instead; then the data type, TLP, PAP, message,
/// parameters and the merged <c>config</c> (<see cref="ConfigBuilder"/>); or the reasons Cortex or TheHive would
/// refuse to run the job at all. Whatever runs the job (a process, a container) starts from here.
/// </summary>
internal static class JobInputBuilder
{
    /// <summary>Cortex's job timeout when the organisation sets none (<c>jobTimeout</c>, in minutes).</summary>
    private const double DefaultTimeoutMinutes = 30;

    /// <summary>How Cortex names the copy of a job's file in <c>input/</c>: <c>Files.createTempFile(input, "attachment", "")</c>.</summary>
    public const string AttachmentPrefix = "attachment";

    /// <summary>The content type given when the file's is unknown (TheHive sends the browser's).</summary>
    public const string DefaultContentType = "application/octet-stream";

    /// <summary>TheHive's <c>_type</c> of an object, and the data type of a job on it.</summary>
    private static readonly Dictionary<string, string> TypeNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["case"] = DataTypes.Case,
        ["alert"] = DataTypes.Alert,
        ["case_artifact"] = DataTypes.Observable,
        ["observable"] = DataTypes.Observable,
        ["case_task"] = DataTypes.Task,
        ["task"] = DataTypes.Task,
        ["case_task_log"] = DataTypes.TaskLog,
        ["log"] = DataTypes.TaskLog,
    };

    /// <summary>Builds the job; null with <paramref name="refusals"/> when Cortex or TheHive would not run it.</summary>
    /// <param name="definition">The flavor.</param>
    /// <param name="given">
    /// A whole job input, or just a TheHive object to use as <c>data</c>; null for an analyzer job on <see cref="JobRequest.Data"/> or
    /// <see cref="JobRequest.File"/>.
    /// </param>
    /// <param name="request">Values that override the given input's.</param>
    /// <param name="refusals">Why Cortex or TheHive would not run the job.</param>
    public static JObject? Build(JObject definition, JToken? given, JobRequest request, out List<string> refusals)
    {
        refusals = [];
        if (request.File is { } attachment && Definitions.FileTypes.NotRegular(attachment) is { } notRegular)
        {
            refusals.Add($"--file {attachment} {notRegular}: give a regular file");
            return null;
        }

        if (given is null)
        {
            // An analyzer job from the command line: the value as Cortex's data string, or a file Cortex copies into input/.
            var observable = request.File is { } path
                ? new JObject { ["file"] = AttachmentName(), ["filename"] = Path.GetFileName(path), ["contentType"] = DefaultContentType }
                : new JObject { ["data"] = request.Data ?? string.Empty };
            if ((request.File is null ? request.DataType : ObservableTypes.File) is not { } observableType)
            {
                refusals.Add("an analyzer job on --data needs --data-type (ip, domain, mail, …)");
                return null;
            }

            return Complete(definition, null, observable, observableType, request, refusals);
        }

        // A whole job input has data, dataType and config or parameters; a TheHive observable has data and
        // dataType too, but also _type.
        var whole = given is JObject g && g.ContainsKey("data") && g.ContainsKey("dataType") && !g.ContainsKey("_type")
            && (g.ContainsKey("config") || g.ContainsKey("parameters")) ? g : null;
        var data = whole?["data"] ?? given;
        foreach (var (field, kind) in new[]
        {
            ("dataType", JTokenType.String), ("message", JTokenType.String), ("tlp", JTokenType.Integer), ("pap", JTokenType.Integer),
            ("config", JTokenType.Object), ("parameters", JTokenType.Object),
        })
        {
            if (whole?[field] is { } value && value.Type != kind)
            {
                var expected = kind == JTokenType.Integer ? "a whole number" : kind == JTokenType.Object ? "an object" : "a string";
                refusals.Add($"the job input's \"{field}\" is {JsonDescription.Of(value)}, not {expected}: Cortex and cortexutils would refuse it");
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
            refusals.Add($"cannot tell the data type: give --data-type ({string.Join(", ", DataTypes.TheHiveObjects)}) or a whole job input with \"dataType\" "
                + "(an analyzer job: --data-type with --data, or --file)");
            return null;
        }

        if (dataType == ObservableTypes.File)
        {
            refusals.Add($"a {ObservableTypes.File} job needs the file: give --file <path> (Cortex writes it into input/ and names it in \"file\")");
            return null;
        }

        return Complete(definition, whole, new JObject { ["data"] = data.DeepClone() }, dataType, request, refusals);
    }

    /// <summary>Cortex's name for a job's file in <c>input/</c>: "attachment" and an unsigned random long, as Java's temporary files.</summary>
    public static string AttachmentName() =>
        AttachmentPrefix + unchecked((ulong)Random.Shared.NextInt64(long.MinValue, long.MaxValue)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static JObject? Complete(JObject definition, JObject? whole, JObject observable, string dataType, JobRequest request, List<string> refusals)
    {
        var data = observable["data"];
        if (definition[FlavorKeys.DataTypeList] is not JArray types || !types.Values<string>().Contains(dataType))
        {
            var list = definition[FlavorKeys.DataTypeList]?.ToString(Formatting.None) ?? "none";
            refusals.Add($"the flavor does not take {dataType} (its dataTypeList: {list}): TheHive would not offer it");
        }

        var config = ConfigBuilder.Build(definition, whole?["config"] as JObject, request.Config, out var configRefusals);
        refusals.AddRange(configRefusals);
        if (refusals.Count > 0)
        {
            return null;
        }

        var input = (JObject)observable.DeepClone();
        input.Merge(new JObject
        {
            ["dataType"] = dataType,
            ["tlp"] = request.Tlp ?? (int?)whole?["tlp"] ?? Level(data, "tlp"),
            ["pap"] = request.Pap ?? (int?)whole?["pap"] ?? Level(data, "pap"),
            ["message"] = (string?)whole?["message"] ?? string.Empty,
            ["parameters"] = whole?["parameters"]?.DeepClone() ?? new JObject { ["organisation"] = "cortex-responder", ["user"] = "cortex-responder" },
            ["config"] = config,
        });
        return input;
    }

    /// <summary>The timeout Cortex gives the job: the organisation's <c>config.jobTimeout</c> minutes, else 30 minutes.</summary>
    public static TimeSpan TimeoutOf(JObject input) =>
        TimeSpan.FromMinutes((double?)input["config"]?["jobTimeout"] is > 0 and var minutes ? minutes : DefaultTimeoutMinutes);

    private static int Level(JToken? data, string name) => data is JObject o && o[name]?.Type == JTokenType.Integer ? (int)o[name]! : 2;
}
