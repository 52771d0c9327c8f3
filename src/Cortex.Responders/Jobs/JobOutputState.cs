namespace Cortex.Responders.Jobs;

/// <summary>What a job has written so far.</summary>
internal enum JobOutputState
{
    /// <summary>Nothing yet.</summary>
    None,

    /// <summary>A success report.</summary>
    Report,

    /// <summary>An error.</summary>
    Error,

    /// <summary>Writing failed; the reason is on standard error.</summary>
    Unwritable,
}
