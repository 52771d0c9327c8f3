namespace Cortex.Responders;

/// <summary>The levels of an analyzer's summary taxonomy, as TheHive colours them in its short view.</summary>
public static class TaxonomyLevels
{
    /// <summary><c>info</c>: neutral.</summary>
    public const string Info = "info";

    /// <summary><c>safe</c>: known good.</summary>
    public const string Safe = "safe";

    /// <summary><c>suspicious</c>: worth a look.</summary>
    public const string Suspicious = "suspicious";

    /// <summary><c>malicious</c>: known bad.</summary>
    public const string Malicious = "malicious";

    /// <summary>Every level, from the mildest to the gravest.</summary>
    public static IReadOnlyList<string> All { get; } = [Info, Safe, Suspicious, Malicious];

    /// <summary>Whether <paramref name="level"/> is one of <see cref="All"/>.</summary>
    /// <param name="level">A level.</param>
    /// <returns>True for a level TheHive knows.</returns>
    public static bool IsKnown(string? level) => level is not null && All.Contains(level, StringComparer.Ordinal);
}
