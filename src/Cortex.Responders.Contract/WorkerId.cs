namespace Cortex.Responders;

/// <summary>A worker's id, as Cortex and TheHive name it in URLs, API calls and report-template folders.</summary>
public static class WorkerId
{
    /// <summary>
    /// The worker id of a flavor: <c>name + "_" + version</c>, dots turned into underscores (<c>Mailer_1_0</c>,
    /// <c>EmlParser_2_1</c>).
    /// </summary>
    /// <param name="name">The flavor's <c>name</c>.</param>
    /// <param name="version">The flavor's <c>version</c>.</param>
    /// <returns>The worker id.</returns>
    public static string Of(string? name, string? version) => $"{name}_{version}".Replace('.', '_');
}
