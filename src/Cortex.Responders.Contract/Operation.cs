using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders;

/// <summary>
/// An operation a responder hands back for TheHive to apply once the job succeeds (tag the case, add a
/// task…). The factories build exactly the fields TheHive parses, so a misspelt field cannot be written;
/// each says, under "Applies after a job on", the data types whose object TheHive can apply it to, as
/// <see cref="OperationCatalog"/> has them. A worker's <c>BuildOperation</c> builds any other.
/// </summary>
/// <example><code>protected override IEnumerable&lt;Operation&gt; Operations(JObject full) =&gt; [Operation.AddTagToCase("mail sent")];</code></example>
public sealed class Operation
{
    private readonly JObject json;

    private Operation(string type, JObject? fields)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        json = new JObject { ["type"] = type };
        if (fields is not null)
        {
            foreach (var field in fields.Properties())
            {
                if (CortexJson.FirstNonJson(field.Value) is not null)
                {
                    throw new ArgumentException($"the field {field.Name} of the {type} operation is not JSON (JRaw, undefined or a constructor)", nameof(fields));
                }

                if (field.Name != "type")
                {
                    json[field.Name] = field.Value.DeepClone();
                }
            }
        }
    }

    /// <summary>The operation type, as TheHive names it (<c>AddTagToCase</c>…).</summary>
    public string Type => (string)json["type"]!;

    /// <summary>Adds a tag to the case of the job's case, task or task log.</summary>
    /// <remarks>Applies after a job on: <c>thehive:case</c>, <c>thehive:case_task</c>, <c>thehive:case_task_log</c>.</remarks>
    /// <exception cref="ArgumentException"><paramref name="tag"/> is empty.</exception>
    public static Operation AddTagToCase(string tag) => Tag(nameof(AddTagToCase), tag);

    /// <summary>Adds a tag to the observable the job runs on.</summary>
    /// <remarks>Applies after a job on: <c>thehive:case_artifact</c>.</remarks>
    /// <exception cref="ArgumentException"><paramref name="tag"/> is empty.</exception>
    public static Operation AddTagToArtifact(string tag) => Tag(nameof(AddTagToArtifact), tag);

    /// <summary>Adds a tag to the alert the job runs on.</summary>
    /// <remarks>Applies after a job on: <c>thehive:alert</c>.</remarks>
    /// <exception cref="ArgumentException"><paramref name="tag"/> is empty.</exception>
    public static Operation AddTagToAlert(string tag) => Tag(nameof(AddTagToAlert), tag);

    /// <summary>Marks the alert the job runs on as read.</summary>
    /// <remarks>Applies after a job on: <c>thehive:alert</c>.</remarks>
    public static Operation MarkAlertAsRead() => new(nameof(MarkAlertAsRead), null);

    /// <summary>Sets a string custom field of the case.</summary>
    /// <remarks>Applies after a job on: <c>thehive:case</c>, <c>thehive:case_task</c>, <c>thehive:case_task_log</c>.</remarks>
    /// <param name="name">The custom field's reference name in TheHive.</param>
    /// <param name="value">Its value.</param>
    public static Operation AddCustomFields(string name, string value) => CustomField(name, "string", value);

    /// <summary>Sets an integer custom field of the case.</summary>
    /// <remarks>Applies after a job on: <c>thehive:case</c>, <c>thehive:case_task</c>, <c>thehive:case_task_log</c>.</remarks>
    /// <param name="name">The custom field's reference name in TheHive.</param>
    /// <param name="value">Its value.</param>
    public static Operation AddCustomFields(string name, long value) => CustomField(name, "integer", value);

    /// <summary>Sets a float custom field of the case.</summary>
    /// <remarks>Applies after a job on: <c>thehive:case</c>, <c>thehive:case_task</c>, <c>thehive:case_task_log</c>.</remarks>
    /// <param name="name">The custom field's reference name in TheHive.</param>
    /// <param name="value">Its value.</param>
    public static Operation AddCustomFields(string name, double value) => CustomField(name, "float", value);

    /// <summary>Sets a boolean custom field of the case.</summary>
    /// <remarks>Applies after a job on: <c>thehive:case</c>, <c>thehive:case_task</c>, <c>thehive:case_task_log</c>.</remarks>
    /// <param name="name">The custom field's reference name in TheHive.</param>
    /// <param name="value">Its value.</param>
    public static Operation AddCustomFields(string name, bool value) => CustomField(name, "boolean", value);

    /// <summary>Sets a date custom field of the case (sent as milliseconds since the epoch, as TheHive stores dates).</summary>
    /// <remarks>Applies after a job on: <c>thehive:case</c>, <c>thehive:case_task</c>, <c>thehive:case_task_log</c>.</remarks>
    /// <param name="name">The custom field's reference name in TheHive.</param>
    /// <param name="value">Its value.</param>
    public static Operation AddCustomFields(string name, DateTimeOffset value) => CustomField(name, "date", value.ToUnixTimeMilliseconds());

    /// <summary>Creates a task in the case.</summary>
    /// <remarks>Applies after a job on: <c>thehive:case</c>, <c>thehive:case_task</c>, <c>thehive:case_task_log</c>.</remarks>
    /// <exception cref="ArgumentException"><paramref name="title"/> is empty.</exception>
    public static Operation CreateTask(string title, string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(description);
        return new(nameof(CreateTask), new JObject { ["title"] = title, ["description"] = description });
    }

    /// <summary>Closes the task of the job's task log (TheHive finds a task from a task log only, not from a task).</summary>
    /// <remarks>Applies after a job on: <c>thehive:case_task_log</c>.</remarks>
    public static Operation CloseTask() => new(nameof(CloseTask), null);

    /// <summary>Adds a log to the task of the job's task log (TheHive finds a task from a task log only, not from a task).</summary>
    /// <remarks>Applies after a job on: <c>thehive:case_task_log</c>.</remarks>
    /// <param name="content">The log's text (Markdown).</param>
    /// <param name="owner">The log's owner, or null to let TheHive choose.</param>
    /// <exception cref="ArgumentException"><paramref name="content"/> is empty.</exception>
    public static Operation AddLogToTask(string content, string? owner = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(content);
        var fields = new JObject { ["content"] = content };
        if (owner is not null)
        {
            fields["owner"] = owner;
        }

        return new(nameof(AddLogToTask), fields);
    }

    /// <summary>Assigns the case to a user.</summary>
    /// <remarks>Applies after a job on: <c>thehive:case</c>, <c>thehive:case_task</c>, <c>thehive:case_task_log</c>.</remarks>
    /// <exception cref="ArgumentException"><paramref name="owner"/> is empty.</exception>
    public static Operation AssignCase(string owner)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        return new(nameof(AssignCase), new JObject { ["owner"] = owner });
    }

    /// <summary>Adds an observable to the case.</summary>
    /// <remarks>Applies after a job on: <c>thehive:case</c>, <c>thehive:case_task</c>, <c>thehive:case_task_log</c>.</remarks>
    /// <param name="data">The observable's value.</param>
    /// <param name="dataType">Its data type (<c>ip</c>, <c>mail</c>, <c>domain</c>…).</param>
    /// <param name="message">Its description.</param>
    /// <param name="tlp">Its TLP (0 to 4), or null for TheHive's default.</param>
    /// <param name="ioc">Whether it is an indicator of compromise.</param>
    /// <param name="sighted">Whether it was sighted.</param>
    /// <param name="ignoreSimilarity">Whether TheHive should ignore it when looking for similar cases.</param>
    /// <param name="tags">Its tags.</param>
    /// <exception cref="ArgumentException"><paramref name="data"/> or <paramref name="dataType"/> is empty.</exception>
    public static Operation AddArtifactToCase(
        string data,
        string dataType,
        string message,
        int? tlp = null,
        bool? ioc = null,
        bool? sighted = null,
        bool? ignoreSimilarity = null,
        IEnumerable<string>? tags = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(data);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataType);
        ArgumentNullException.ThrowIfNull(message);
        var fields = new JObject { ["data"] = data, ["dataType"] = dataType, ["message"] = message };
        if (tlp is not null)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(tlp.Value, nameof(tlp));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(tlp.Value, 4, nameof(tlp));
            fields["tlp"] = tlp.Value;
        }

        if (ioc is not null)
        {
            fields["ioc"] = ioc.Value;
        }

        if (sighted is not null)
        {
            fields["sighted"] = sighted.Value;
        }

        if (ignoreSimilarity is not null)
        {
            fields["ignoreSimilarity"] = ignoreSimilarity.Value;
        }

        if (tags is not null)
        {
            fields["tags"] = new JArray(tags.ToArray());
        }

        return new(nameof(AddArtifactToCase), fields);
    }

    /// <summary>
    /// Adds a tag to the object the job runs on, with the operation TheHive applies there:
    /// <see cref="AddTagToAlert"/> on an alert, <see cref="AddTagToArtifact"/> on an observable,
    /// <see cref="AddTagToCase"/> on a case, a task or a task log.
    /// </summary>
    /// <param name="dataType">The job's data type (<see cref="DataTypes"/>).</param>
    /// <param name="tag">The tag.</param>
    /// <returns>The operation.</returns>
    /// <exception cref="ArgumentException"><paramref name="dataType"/> is not a TheHive object, or <paramref name="tag"/> is empty.</exception>
    /// <remarks>Applies after a job on: <c>thehive:case</c>, <c>thehive:alert</c>, <c>thehive:case_artifact</c>, <c>thehive:case_task</c>, <c>thehive:case_task_log</c>.</remarks>
    public static Operation AddTag(string dataType, string tag)
    {
        var definition = OperationCatalog.TagOperationFor(dataType)
            ?? throw new ArgumentException($"no tag operation applies to a job on {dataType ?? "null"}: it must be one of {string.Join(", ", DataTypes.TheHiveObjects)}", nameof(dataType));
        return Tag(definition.Type, tag);
    }

    /// <summary>Whether TheHive can apply this operation after a job on <paramref name="dataType"/> (<see cref="OperationCatalog"/>).</summary>
    /// <param name="dataType">The job's data type.</param>
    /// <returns>False for an operation TheHive would reject there, or one it does not know.</returns>
    public bool AppliesTo(string dataType) => OperationCatalog.Find(Type)?.AppliesToDataType(dataType) ?? false;

    /// <summary>The operation as TheHive reads it: <c>{"type": …, fields…}</c>.</summary>
    public JObject ToJson() => (JObject)json.DeepClone();

    /// <inheritdoc />
    public override string ToString() => json.ToString(Formatting.None);

    internal static Operation Build(string type, JObject? fields) => new(type, fields);

    private static Operation Tag(string type, string tag)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        return new(type, new JObject { ["tag"] = tag });
    }

    private static Operation CustomField(string name, string tpe, JToken value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new(nameof(AddCustomFields), new JObject { ["name"] = name, ["tpe"] = tpe, ["value"] = value });
    }
}
