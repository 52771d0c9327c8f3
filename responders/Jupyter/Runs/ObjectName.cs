using Cortex.Responders;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter.Runs;

/// <summary>
/// The name of the TheHive object that starts an executed notebook's file name, as the original builds it:
/// <c>case-&lt;id&gt;</c>, <c>alert-&lt;id&gt;</c>, <c>case-&lt;id&gt;-observable-&lt;id&gt;</c>,
/// <c>case-&lt;id&gt;-task-&lt;id&gt;</c>, <c>case-&lt;id&gt;-task-&lt;id&gt;-log-&lt;id&gt;</c>, ids without their "~".
/// </summary>
internal static class ObjectName
{
    /// <summary>The name, or null when the object lacks its own id.</summary>
    public static string? Of(string dataType, JToken data)
    {
        var parts = dataType switch
        {
            DataTypes.Case => [("case", data)],
            DataTypes.Alert => [("alert", data)],
            DataTypes.Observable => [("case", data["case"]), ("observable", data)],
            DataTypes.Task => [("case", data["case"]), ("task", data)],
            DataTypes.TaskLog => [("case", data["case_task"]?["case"]), ("task", data["case_task"]), ("log", data)],
            _ => new (string, JToken?)[] { ("object", data) },
        };
        if (Id(data) is null)
        {
            return null;
        }

        // TheHive does not always send the parent of an observable or a task (TheHive 5): leave that part out.
        return string.Join('-', parts.Where(p => Id(p.Item2) is not null).Select(p => $"{p.Item1}-{Id(p.Item2)}"));
    }

    private static string? Id(JToken? entity)
    {
        var id = entity is JObject json ? json["id"] ?? json["_id"] : null;
        if (id is null || id.Type is JTokenType.Null or JTokenType.Object or JTokenType.Array)
        {
            return null;
        }

        var text = id.ToString().Replace("~", string.Empty, StringComparison.Ordinal);
        var safe = new string(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray()).Trim('.');
        return safe.Length == 0 ? null : safe;
    }
}
