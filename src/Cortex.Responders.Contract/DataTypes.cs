namespace Cortex.Responders;

/// <summary>The TheHive objects a responder runs on, as Cortex names them in a job's <c>dataType</c> and a flavor's <c>dataTypeList</c>.</summary>
public static class DataTypes
{
    /// <summary>A case.</summary>
    public const string Case = "thehive:case";

    /// <summary>An alert.</summary>
    public const string Alert = "thehive:alert";

    /// <summary>An observable of a case (TheHive still calls it an artifact).</summary>
    public const string Observable = "thehive:case_artifact";

    /// <summary>A task of a case.</summary>
    public const string Task = "thehive:case_task";

    /// <summary>A log of a task.</summary>
    public const string TaskLog = "thehive:case_task_log";

    /// <summary>Every TheHive object a responder can be offered on.</summary>
    public static IReadOnlyList<string> TheHiveObjects { get; } = [Case, Alert, Observable, Task, TaskLog];

    /// <summary>Whether <paramref name="dataType"/> is one of <see cref="TheHiveObjects"/>.</summary>
    /// <param name="dataType">A data type.</param>
    /// <returns>True for a TheHive object.</returns>
    public static bool IsTheHiveObject(string? dataType) => dataType is not null && TheHiveObjects.Contains(dataType, StringComparer.Ordinal);
}
