using Cortex.Responders;
namespace Cortex.Workers.Responders.MSDefenderEndpoints;

/// <summary>
/// One service of the responder (a flavor's <c>config.service</c>): either a machine action (the machine is
/// looked up, then <c>machines/{id}/{Endpoint}</c> is posted) or an indicator pushed with an action, a severity
/// and an alert flag.
/// </summary>
/// <param name="Service">The flavor's config.service.</param>
/// <param name="Endpoint">The machine action's path after machines/{id}/, or null for an indicator.</param>
/// <param name="Verb">What the action does, for the report and the error messages ("isolate").</param>
/// <param name="Extra">The machine action's body field besides Comment (IsolationType, ScanType), or null.</param>
/// <param name="IndicatorAction">The indicator's action (Allowed, Audit, Warn, Block, BlockAndRemediate), or null.</param>
/// <param name="Severity">The indicator's severity, or null.</param>
/// <param name="GenerateAlert">Whether the indicator raises an alert.</param>
/// <param name="Tag">The tag put on the observable, or null for none (as the original, which tags neither the investigation nor the Alert flavor).</param>
internal sealed record DefenderAction(
    string Service,
    string? Endpoint,
    string Verb,
    (string Name, string Value)? Extra,
    string? IndicatorAction,
    string? Severity,
    bool GenerateAlert,
    string? Tag)
{
    /// <summary>Whether this is a machine action (else an indicator).</summary>
    public bool OnMachine => Endpoint is not null;
}
