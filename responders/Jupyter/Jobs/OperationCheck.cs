using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Jupyter.Jobs;

/// <summary>
/// The operations TheHive 4/5 accept from a responder: their required fields and the data types they apply
/// to (CORTEX-CONTRACT §4). Kept here until the framework's operation catalogue replaces it.
/// </summary>
internal static class OperationCheck
{
    private static readonly string[] CaseRelated = [DataTypeNames.Case, DataTypeNames.Task, DataTypeNames.TaskLog];

    private static readonly Dictionary<string, (string[] Fields, string[] AppliesTo)> Rules = new(StringComparer.Ordinal)
    {
        ["AddTagToCase"] = (["tag"], CaseRelated),
        ["AddTagToArtifact"] = (["tag"], [DataTypeNames.Observable]),
        ["AddTagToAlert"] = (["tag"], [DataTypeNames.Alert]),
        ["MarkAlertAsRead"] = ([], [DataTypeNames.Alert]),
        ["AddCustomFields"] = (["name", "tpe", "value"], CaseRelated),
        ["CreateTask"] = (["title", "description"], CaseRelated),
        ["CloseTask"] = ([], [DataTypeNames.TaskLog]),
        ["AddLogToTask"] = (["content"], [DataTypeNames.TaskLog]),
        ["AssignCase"] = (["owner"], CaseRelated),
        ["AddArtifactToCase"] = (["data", "dataType", "message"], CaseRelated),
    };

    /// <summary>Why TheHive would reject <paramref name="operation"/> on a <paramref name="dataType"/> job, or null when it accepts it.</summary>
    public static string? Problem(JObject operation, string dataType)
    {
        if (operation["type"] is not { Type: JTokenType.String } typeToken)
        {
            return "it has no \"type\"";
        }

        var type = (string)typeToken!;
        if (!Rules.TryGetValue(type, out var rule))
        {
            return $"TheHive knows no operation \"{type}\" (it knows {string.Join(", ", Rules.Keys)})";
        }

        // AddCustomFields may clear a field with a null value; every other field must have one.
        var missing = rule.Fields.FirstOrDefault(f => operation[f] is null || (operation[f]!.Type == JTokenType.Null && f != "value"));
        if (missing is not null)
        {
            return $"{type} needs \"{missing}\"";
        }

        return rule.AppliesTo.Contains(dataType, StringComparer.Ordinal)
            ? null
            : $"TheHive applies {type} only to {string.Join(", ", rule.AppliesTo)}, not to this {dataType} job";
    }
}
