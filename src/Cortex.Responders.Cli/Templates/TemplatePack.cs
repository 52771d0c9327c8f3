using Cortex.Responders.Cli.Validation;

namespace Cortex.Responders.Cli.Templates;

/// <summary>What `report-templates` would pack: one <c>&lt;WorkerId&gt;/long.html</c> per analyzer flavor with a template, and what it found wrong.</summary>
/// <param name="Entries">Worker id and template file, by worker id.</param>
/// <param name="Findings">Errors (nothing is written) and warnings.</param>
internal sealed record TemplatePack(IReadOnlyList<(string WorkerId, string Template)> Entries, IReadOnlyList<Finding> Findings);
