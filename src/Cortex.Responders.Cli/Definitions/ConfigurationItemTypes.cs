namespace Cortex.Responders.Cli.Definitions;

/// <summary>The types a configuration item can have; Cortex drops the whole configuration form when one item has another.</summary>
internal static class ConfigurationItemTypes
{
    public static IReadOnlyList<string> All => Flavors.FlavorSchema.ItemTypes;

    /// <summary>Whether <paramref name="type"/> is one of <see cref="All"/> (Cortex also reads it in lower case when <paramref name="ignoreCase"/>).</summary>
    public static bool IsKnown(string? type, bool ignoreCase = false) =>
        type is not null && All.Contains(type, ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
}
