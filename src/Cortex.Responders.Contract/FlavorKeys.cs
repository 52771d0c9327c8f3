namespace Cortex.Responders;

/// <summary>
/// The field names of a flavor (one worker definition file), as Cortex 4.1 reads them (<c>WorkerDefinition.scala</c>)
/// and Cortex-Analyzers' schema adds them (<c>utils/flavors/flavor_schema.json</c>).
/// </summary>
public static class FlavorKeys
{
    /// <summary><c>name</c>.</summary>
    public const string Name = "name";

    /// <summary><c>version</c>.</summary>
    public const string Version = "version";

    /// <summary><c>description</c>.</summary>
    public const string Description = "description";

    /// <summary><c>author</c>.</summary>
    public const string Author = "author";

    /// <summary><c>url</c>.</summary>
    public const string Url = "url";

    /// <summary><c>license</c>.</summary>
    public const string License = "license";

    /// <summary><c>dataTypeList</c>: the data types the worker accepts.</summary>
    public const string DataTypeList = "dataTypeList";

    /// <summary><c>command</c>: the executable, relative to the root (process runner).</summary>
    public const string Command = "command";

    /// <summary><c>dockerImage</c>: the image (Docker and Kubernetes runners).</summary>
    public const string DockerImage = "dockerImage";

    /// <summary><c>baseConfig</c>: the configuration the flavor shares with its siblings (defaults to the name).</summary>
    public const string BaseConfig = "baseConfig";

    /// <summary><c>config</c>: the fixed configuration merged into every job's <c>config</c>.</summary>
    public const string Config = "config";

    /// <summary><c>configurationItems</c>: the admin's configuration form.</summary>
    public const string ConfigurationItems = "configurationItems";

    /// <summary>A configuration item's <c>type</c>, one of <see cref="ItemTypes"/>.</summary>
    public const string ItemType = "type";

    /// <summary>A configuration item's <c>multi</c>.</summary>
    public const string ItemMulti = "multi";

    /// <summary>A configuration item's <c>required</c>.</summary>
    public const string ItemRequired = "required";

    /// <summary>A configuration item's <c>defaultValue</c>.</summary>
    public const string ItemDefaultValue = "defaultValue";

    /// <summary><c>registration_required</c> (Cortex-Analyzers' schema, ignored by Cortex): true, false or a text.</summary>
    public const string RegistrationRequired = "registration_required";

    /// <summary><c>subscription_required</c> (Cortex-Analyzers' schema, ignored by Cortex): true, false or a text.</summary>
    public const string SubscriptionRequired = "subscription_required";

    /// <summary><c>free_subscription</c> (Cortex-Analyzers' schema, ignored by Cortex): true, false or a text such as "N/A".</summary>
    public const string FreeSubscription = "free_subscription";

    /// <summary><c>service_homepage</c> (Cortex-Analyzers' schema, ignored by Cortex): the service's URL.</summary>
    public const string ServiceHomepage = "service_homepage";

    /// <summary><c>service_logo</c> (Cortex-Analyzers' schema, ignored by Cortex): <c>{path, caption}</c>, the path relative to the flavor's folder.</summary>
    public const string ServiceLogo = "service_logo";

    /// <summary><c>screenshots</c> (Cortex-Analyzers' schema, ignored by Cortex): <c>[{path, caption}]</c>.</summary>
    public const string Screenshots = "screenshots";

    /// <summary><c>integration_type</c> (Cortex-Analyzers' schema since January 2026, ignored by Cortex): <c>local</c> or <c>external_api</c>.</summary>
    public const string IntegrationType = "integration_type";

    /// <summary>The configuration item types Cortex accepts; any other makes Cortex drop the whole form.</summary>
    public static IReadOnlyList<string> ItemTypes { get; } = ["string", "text", "number", "boolean"];
}
