namespace Cortex.Responders;

/// <summary>A field of an operation as TheHive reads it.</summary>
/// <param name="Name">The field's name.</param>
/// <param name="Kind">What TheHive parses it as.</param>
/// <param name="Required">Whether TheHive rejects the operation without it.</param>
public sealed record OperationField(string Name, OperationFieldKind Kind, bool Required);
