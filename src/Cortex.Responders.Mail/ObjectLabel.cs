using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Mail;

/// <summary>A one-line human name of a TheHive object, for default subjects: "Case #157: Phishing report".</summary>
internal static class ObjectLabel
{
    public static string Of(string dataType, JObject data)
    {
        var title = Text(data["title"]);
        return dataType switch
        {
            DataTypes.Case => $"Case{Number(data)}: {title}",
            DataTypes.Alert => $"Alert: {title}",
            DataTypes.Observable => $"Observable {Text(data["dataType"])}: {Text(data["data"]) ?? Text(data.SelectToken("attachment.name"))}{InCase(data["case"])}",
            DataTypes.Task => $"Task: {title}{InCase(data["case"])}",
            DataTypes.TaskLog => $"Log of task: {Text(data.SelectToken("case_task.title"))}{InCase(data.SelectToken("case_task.case"))}",
            _ => title ?? dataType,
        };
    }

    /// <summary>" #157" from a case's caseId (TheHive 4) or number (TheHive 5), or nothing.</summary>
    public static string Number(JToken? caseObject)
    {
        var number = caseObject?["caseId"] ?? caseObject?["number"];
        return number is { Type: JTokenType.Integer or JTokenType.String } && number.ToString().Length > 0 ? $" #{number}" : string.Empty;
    }

    private static string InCase(JToken? caseObject) => caseObject is JObject ? $" (case{Number(caseObject)})" : string.Empty;

    private static string? Text(JToken? token) => token is { Type: not (JTokenType.Null or JTokenType.Object or JTokenType.Array) } ? token.ToString() : null;
}
