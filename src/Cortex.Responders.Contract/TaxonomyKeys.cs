namespace Cortex.Responders;

/// <summary>
/// The keys of one taxonomy in a report's <c>summary.taxonomies</c>, as TheHive reads them for its short view
/// (<c>namespace:predicate="value"</c>, coloured by <see cref="TaxonomyLevels">level</see>).
/// </summary>
public static class TaxonomyKeys
{
    /// <summary><c>level</c>: one of <see cref="TaxonomyLevels.All"/>.</summary>
    public const string Level = "level";

    /// <summary><c>namespace</c>: the analyzer's name.</summary>
    public const string Namespace = "namespace";

    /// <summary><c>predicate</c>: what is measured.</summary>
    public const string Predicate = "predicate";

    /// <summary><c>value</c>: the measure, a string or a number.</summary>
    public const string Value = "value";
}
