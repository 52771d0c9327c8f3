namespace Cortex.Responders;

/// <summary>How <see cref="CortexJson"/> reads a text; by default as strictly as a job input must be.</summary>
public sealed class CortexJsonReadOptions
{
    /// <summary>Ignore anything after the first value, as Cortex's Jackson does when it reads a definition or a report.</summary>
    public bool IgnoreTrailingContent { get; init; }

    /// <summary>Skip a UTF-8 byte order mark at the start instead of refusing it.</summary>
    public bool AllowByteOrderMark { get; init; }

    /// <summary>Keep each value's line and column (<c>IJsonLineInfo</c>), for messages that point into the file.</summary>
    public bool LineInfo { get; init; }
}
