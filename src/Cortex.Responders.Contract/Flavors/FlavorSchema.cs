namespace Cortex.Responders.Flavors;

/// <summary>
/// What a flavor must hold for Cortex 4.1 to load it whole (<c>WorkerDefinition.scala</c>): the fields it requires,
/// the shape of a configuration item, and what a responder can be offered on. Tools read it from here (the
/// CLI's <c>validate</c>); the field names are <see cref="FlavorKeys"/>, the worker id rule is <see cref="WorkerId"/>.
/// </summary>
public static class FlavorSchema
{
    /// <summary>The fields Cortex requires as strings; without one, or with another type, it skips the whole file.</summary>
    public static IReadOnlyList<string> RequiredFields { get; } =
        [FlavorKeys.Name, FlavorKeys.Version, FlavorKeys.Description, FlavorKeys.Author, FlavorKeys.Url, FlavorKeys.License];

    /// <summary>The fields every configuration item needs as strings (with its <see cref="FlavorKeys.ItemType"/>); one missing drops the whole form.</summary>
    public static IReadOnlyList<string> ItemRequiredFields { get; } = [FlavorKeys.Name, FlavorKeys.Description];

    /// <summary>The boolean flags of a configuration item: <c>multi</c> and <c>required</c>; any other type drops the whole form.</summary>
    public static IReadOnlyList<string> ItemFlags { get; } = [FlavorKeys.ItemMulti, FlavorKeys.ItemRequired];

    /// <summary>The configuration item types Cortex accepts (<see cref="FlavorKeys.ItemTypes"/>).</summary>
    public static IReadOnlyList<string> ItemTypes => FlavorKeys.ItemTypes;

    /// <summary>The data types TheHive offers a responder on: its objects (<see cref="DataTypes.TheHiveObjects"/>), never an observable type.</summary>
    public static IReadOnlyList<string> ResponderDataTypes => DataTypes.TheHiveObjects;

    /// <summary>Whether TheHive can offer a responder on <paramref name="dataType"/>.</summary>
    /// <param name="dataType">A <c>dataTypeList</c> entry.</param>
    /// <returns>True for a TheHive object type.</returns>
    public static bool IsResponderDataType(string? dataType) => DataTypes.IsTheHiveObject(dataType);
}
