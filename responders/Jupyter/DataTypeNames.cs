namespace Cortex.Responders.Jupyter;

/// <summary>
/// TheHive's data types, in one place until the framework's <c>Cortex.Responders.DataTypes</c> replaces it.
/// </summary>
internal static class DataTypeNames
{
    public const string Case = "thehive:case";
    public const string Alert = "thehive:alert";
    public const string Observable = "thehive:case_artifact";
    public const string Task = "thehive:case_task";
    public const string TaskLog = "thehive:case_task_log";
}
