using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Cli.Running;

/// <summary>The operations TheHive 4 and 5 accept from a responder: their fields, and the objects they apply to.</summary>
internal static class OperationRules
{
    private const string Case = "thehive:case";
    private const string Alert = "thehive:alert";
    private const string Observable = "thehive:case_artifact";
    private const string Task = "thehive:case_task";
    private const string Log = "thehive:case_task_log";

    private static readonly string[] CaseRelated = [Case, Observable, Task, Log];

    private static readonly Dictionary<string, (string[] Fields, string[] AppliesTo, string Where)> Rules = new(StringComparer.Ordinal)
    {
        ["AddTagToCase"] = (["tag"], CaseRelated, "an object of a case (not an alert)"),
        ["AddTagToArtifact"] = (["tag"], [Observable], "an observable"),
        ["AddTagToAlert"] = (["tag"], [Alert], "an alert"),
        ["MarkAlertAsRead"] = ([], [Alert], "an alert"),
        ["AddCustomFields"] = (["name", "tpe", "value"], CaseRelated, "an object of a case (not an alert)"),
        ["CreateTask"] = (["title", "description"], CaseRelated, "an object of a case (not an alert)"),
        ["CloseTask"] = ([], [Task], "a task"),
        ["AddLogToTask"] = (["content"], [Task], "a task"),
        ["AssignCase"] = (["owner"], CaseRelated, "an object of a case (not an alert)"),
        ["AddArtifactToCase"] = (["data", "dataType", "message"], CaseRelated, "an object of a case (not an alert)"),
    };

    private static readonly string[] CustomFieldTypes = ["string", "integer", "float", "boolean", "date"];

    /// <summary>What TheHive would reject in <paramref name="operation"/> for a job on <paramref name="dataType"/>; empty when it is fine.</summary>
    public static IEnumerable<string> Check(JToken operation, string dataType)
    {
        if (operation is not JObject op)
        {
            yield return $"an operation must be an object, not {operation.Type.ToString().ToLowerInvariant()}";
            yield break;
        }

        var type = op["type"];
        if (type?.Type != JTokenType.String)
        {
            yield return "no \"type\"";
            yield break;
        }

        if (!Rules.TryGetValue((string)type!, out var rule))
        {
            yield return $"unknown type \"{type}\": TheHive knows {string.Join(", ", Rules.Keys)} (TheHive 4 fails the whole action)";
            yield break;
        }

        foreach (var field in rule.Fields.Where(f => op[f] is null || op[f]!.Type == JTokenType.Null))
        {
            yield return $"{type} needs \"{field}\"";
        }

        if ((string)type! == "AddCustomFields" && op["tpe"] is { Type: JTokenType.String } tpe && !CustomFieldTypes.Contains((string)tpe!))
        {
            yield return $"AddCustomFields \"tpe\" must be one of {string.Join(", ", CustomFieldTypes)}, not \"{tpe}\"";
        }

        foreach (var field in new[] { "tag", "title", "description", "content", "owner", "name", "data", "dataType", "message" }.Where(f => rule.Fields.Contains(f) && op[f] is { } v && v.Type != JTokenType.String && v.Type != JTokenType.Null))
        {
            yield return $"{type} \"{field}\" must be a string";
        }

        if (!rule.AppliesTo.Contains(dataType, StringComparer.Ordinal))
        {
            yield return $"{type} applies to {rule.Where}, not to {dataType}: TheHive rejects it";
        }
    }
}
