namespace Cortex.Responders;

/// <summary>What TheHive parses an operation field as.</summary>
public enum OperationFieldKind
{
    /// <summary>A string.</summary>
    Text,

    /// <summary>A whole number.</summary>
    WholeNumber,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>An array of strings.</summary>
    TextList,

    /// <summary>A custom field's type: <c>string</c>, <c>integer</c>, <c>float</c>, <c>boolean</c> or <c>date</c>.</summary>
    CustomFieldType,

    /// <summary>Any JSON value, null included (a custom field's value; null clears it).</summary>
    Any,
}
