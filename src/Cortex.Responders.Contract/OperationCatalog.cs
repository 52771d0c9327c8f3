using Newtonsoft.Json.Linq;

namespace Cortex.Responders;

/// <summary>
/// The operations TheHive 4 and 5 accept from a worker's report, their fields, and the job objects they can
/// be applied from. Read from TheHive 4.1's <c>ActionOperation</c>, <c>ActionOperationSrv</c> and
/// <c>EntityHelper</c>: the related case is found from a case, a task or a task log (never from an alert or
/// an observable); the related task only from a task log.
/// </summary>
public static class OperationCatalog
{
    private const string CaseTarget = "the case of the job's case, task or task log (TheHive finds no case from an alert or an observable)";

    private static readonly string[] CaseRelated = [DataTypes.Case, DataTypes.Task, DataTypes.TaskLog];

    private static readonly string[] CustomFieldTypes = ["string", "integer", "float", "boolean", "date"];

    private static readonly Dictionary<string, OperationDefinition> Definitions = new OperationDefinition[]
    {
        new("AddTagToCase", [Text("tag")], CaseRelated, CaseTarget),
        new("AddTagToArtifact", [Text("tag")], [DataTypes.Observable], "the observable the job runs on"),
        new("AddTagToAlert", [Text("tag")], [DataTypes.Alert], "the alert the job runs on"),
        new("MarkAlertAsRead", [], [DataTypes.Alert], "the alert the job runs on"),
        new("AddCustomFields", [Text("name"), new("tpe", OperationFieldKind.CustomFieldType, true), new("value", OperationFieldKind.Any, true)], CaseRelated, CaseTarget),
        new("CreateTask", [Text("title"), Text("description")], CaseRelated, CaseTarget),
        new("CloseTask", [], [DataTypes.TaskLog], "the task of the job's task log (TheHive finds a task from a task log only)"),
        new("AddLogToTask", [Text("content"), new("owner", OperationFieldKind.Text, false)], [DataTypes.TaskLog], "the task of the job's task log (TheHive finds a task from a task log only)"),
        new("AssignCase", [Text("owner")], CaseRelated, CaseTarget),
        new("AddArtifactToCase",
            [
                Text("data"), Text("dataType"), Text("message"),
                new("tlp", OperationFieldKind.WholeNumber, false), new("ioc", OperationFieldKind.Boolean, false),
                new("sighted", OperationFieldKind.Boolean, false), new("ignoreSimilarity", OperationFieldKind.Boolean, false),
                new("tags", OperationFieldKind.TextList, false),
            ],
            CaseRelated,
            CaseTarget),
    }.ToDictionary(definition => definition.Type, StringComparer.Ordinal);

    /// <summary>Every operation TheHive accepts.</summary>
    public static IReadOnlyCollection<OperationDefinition> All => Definitions.Values;

    /// <summary>The operation of that <c>type</c>, or null when TheHive does not know it.</summary>
    /// <param name="type">The operation's type.</param>
    /// <returns>Its definition, or null.</returns>
    public static OperationDefinition? Find(string? type) => type is not null && Definitions.TryGetValue(type, out var found) ? found : null;

    /// <summary>
    /// The "add a tag" operation for the object a job runs on: <c>AddTagToAlert</c> on an alert,
    /// <c>AddTagToArtifact</c> on an observable, <c>AddTagToCase</c> on a case, a task or a task log.
    /// </summary>
    /// <param name="dataType">The job's data type.</param>
    /// <returns>The definition, or null when no tag operation applies to <paramref name="dataType"/>.</returns>
    public static OperationDefinition? TagOperationFor(string? dataType) =>
        All.SingleOrDefault(definition => definition.Fields is [{ Name: "tag" }] && definition.AppliesToDataType(dataType));

    /// <summary>
    /// What TheHive would reject in <paramref name="operation"/>, an operation read from a report, after a job
    /// on <paramref name="dataType"/>: not an object, an unknown type, a missing field, a field of the wrong
    /// kind, or an object it cannot be applied to. Empty when TheHive applies it.
    /// </summary>
    /// <param name="operation">The operation as JSON.</param>
    /// <param name="dataType">The job's data type, or null to skip the applicability check.</param>
    /// <returns>One line per problem.</returns>
    public static IReadOnlyList<string> Check(JToken operation, string? dataType)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var problems = new List<string>();
        if (operation is not JObject fields)
        {
            problems.Add($"an operation must be an object, not {JsonDescription.Of(operation)}");
            return problems;
        }

        if (fields["type"] is not { Type: JTokenType.String } type)
        {
            problems.Add("no \"type\"");
            return problems;
        }

        if (Find((string)type!) is not { } definition)
        {
            problems.Add($"unknown type \"{type}\": TheHive knows {string.Join(", ", Definitions.Keys)} (TheHive 4 fails the whole action)");
            return problems;
        }

        foreach (var field in definition.Fields)
        {
            var value = fields[field.Name];
            if (value is null || (value.Type == JTokenType.Null && field.Kind != OperationFieldKind.Any))
            {
                if (field.Required)
                {
                    problems.Add($"{definition.Type} needs \"{field.Name}\"");
                }

                continue;
            }

            if (KindProblem(field, value) is { } problem)
            {
                problems.Add($"{definition.Type} \"{field.Name}\" {problem}");
            }
        }

        if (dataType is not null && !definition.AppliesToDataType(dataType))
        {
            problems.Add($"{definition.Type} acts on {definition.Target}, so it cannot follow a job on {dataType}: TheHive rejects it");
        }

        return problems;
    }

    private static OperationField Text(string name) => new(name, OperationFieldKind.Text, true);

    private static string? KindProblem(OperationField field, JToken value) => field.Kind switch
    {
        OperationFieldKind.Text when value.Type != JTokenType.String => "must be a string",
        OperationFieldKind.WholeNumber when value.Type != JTokenType.Integer => "must be a whole number: TheHive fails the whole action",
        OperationFieldKind.Boolean when value.Type != JTokenType.Boolean => "must be true or false: TheHive fails the whole action",
        OperationFieldKind.TextList when value is not JArray list || list.Any(item => item.Type != JTokenType.String) =>
            "must be an array of strings: TheHive fails the whole action",
        OperationFieldKind.CustomFieldType when value.Type != JTokenType.String || !CustomFieldTypes.Contains((string)value!, StringComparer.Ordinal) =>
            $"must be one of {string.Join(", ", CustomFieldTypes)}, not {JsonDescription.Of(value)}",
        _ => null,
    };
}
