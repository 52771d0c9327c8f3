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

    private static readonly string[] CaseRelated = [Case, Task, Log];

    private static readonly Dictionary<string, (string[] Fields, string[] AppliesTo, string Where)> Rules = new(StringComparer.Ordinal)
    {
        ["AddTagToCase"] = (["tag"], CaseRelated, "a case, a task or a task log (TheHive 4/5 find no case from an alert or an observable)"),
        ["AddTagToArtifact"] = (["tag"], [Observable], "an observable"),
        ["AddTagToAlert"] = (["tag"], [Alert], "an alert"),
        ["MarkAlertAsRead"] = ([], [Alert], "an alert"),
        ["AddCustomFields"] = (["name", "tpe", "value"], CaseRelated, "a case, a task or a task log (TheHive 4/5 find no case from an alert or an observable)"),
        ["CreateTask"] = (["title", "description"], CaseRelated, "a case, a task or a task log (TheHive 4/5 find no case from an alert or an observable)"),
        ["CloseTask"] = ([], [Log], "a task log (TheHive 4/5 find the task of a log only)"),
        ["AddLogToTask"] = (["content"], [Log], "a task log (TheHive 4/5 find the task of a log only)"),
        ["AssignCase"] = (["owner"], CaseRelated, "a case, a task or a task log (TheHive 4/5 find no case from an alert or an observable)"),
        ["AddArtifactToCase"] = (["data", "dataType", "message"], CaseRelated, "a case, a task or a task log (TheHive 4/5 find no case from an alert or an observable)"),
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

        // AddCustomFields' value may be null (it clears the field); every other field must be there.
        foreach (var field in rule.Fields.Where(f => op[f] is null || (op[f]!.Type == JTokenType.Null && f != "value")))
        {
            yield return $"{type} needs \"{field}\"";
        }

        if ((string)type! == "AddCustomFields" && op["tpe"] is { Type: JTokenType.String } tpe && !CustomFieldTypes.Contains((string)tpe!))
        {
            yield return $"AddCustomFields \"tpe\" should be one of {string.Join(", ", CustomFieldTypes)}, not \"{tpe}\"";
        }

        if ((string)type! == "AddArtifactToCase")
        {
            foreach (var (field, kind) in new[] { ("tlp", JTokenType.Integer), ("ioc", JTokenType.Boolean), ("sighted", JTokenType.Boolean), ("ignoreSimilarity", JTokenType.Boolean) })
            {
                if (op[field] is { } value && value.Type != kind && value.Type != JTokenType.Null)
                {
                    yield return $"AddArtifactToCase \"{field}\" must be {(kind == JTokenType.Integer ? "a whole number" : "true or false")}: TheHive fails the whole action";
                }
            }

            if (op["tags"] is { } tags && (tags is not JArray list || list.Any(t => t.Type != JTokenType.String)))
            {
                yield return "AddArtifactToCase \"tags\" must be an array of strings: TheHive fails the whole action";
            }
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
