namespace Cortex.Responders;

/// <summary>An operation TheHive accepts from a worker: its fields and the job objects it can be applied from.</summary>
public sealed class OperationDefinition
{
    internal OperationDefinition(string type, IReadOnlyList<OperationField> fields, IReadOnlyList<string> appliesTo, string target)
    {
        Type = type;
        Fields = fields;
        AppliesTo = appliesTo;
        Target = target;
    }

    /// <summary>The operation's <c>type</c> (<c>AddTagToCase</c>…).</summary>
    public string Type { get; }

    /// <summary>Its fields besides <c>type</c>.</summary>
    public IReadOnlyList<OperationField> Fields { get; }

    /// <summary>The data types of the jobs whose object TheHive can apply it to (<see cref="DataTypes"/>).</summary>
    public IReadOnlyList<string> AppliesTo { get; }

    /// <summary>What it acts on, in words, for messages ("the alert the job runs on").</summary>
    public string Target { get; }

    /// <summary>Whether TheHive can apply it after a job on <paramref name="dataType"/>.</summary>
    /// <param name="dataType">The job's data type.</param>
    /// <returns>True when it applies.</returns>
    public bool AppliesToDataType(string? dataType) => dataType is not null && AppliesTo.Contains(dataType, StringComparer.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Type;
}
