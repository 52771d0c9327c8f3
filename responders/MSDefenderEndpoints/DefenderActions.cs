using Cortex.Responders;
namespace Cortex.Workers.Responders.MSDefenderEndpoints;

/// <summary>
/// The services of the twelve flavors as a table: the request each one makes, the observable types it takes and
/// the tag it leaves, as Cortex-Analyzers' MSDefenderEndpoints does.
/// </summary>
internal static class DefenderActions
{
    /// <summary>Every service by its config.service.</summary>
    public static readonly IReadOnlyDictionary<string, DefenderAction> ByService = new DefenderAction[]
    {
        new("isolateMachine", "isolate", "isolate", ("IsolationType", "Full"), null, null, false, "MsDefender:isolated"),
        new("unisolateMachine", "unisolate", "release from isolation", null, null, null, false, "MsDefender:unIsolated"),
        new("runFullVirusScan", "runAntiVirusScan", "run a full antivirus scan on", ("ScanType", "Full"), null, null, false, "MsDefender:fullVirusScan"),
        new("restrictAppExecution", "restrictCodeExecution", "restrict app execution on", null, null, null, false, "MsDefender:restrictedAppExec"),
        new("unrestrictAppExecution", "unrestrictCodeExecution", "lift the app execution restriction on", null, null, null, false, "MsDefender:unrestrictedAppExec"),
        new("startAutoInvestigation", "startInvestigation", "start an automated investigation on", null, null, null, false, null),
        new("pushIOCAllowed", null, "allow", null, "Allowed", "Informational", false, "MsDefender:pushIOCAllowed"),
        new("pushIOCAudit", null, "audit", null, "Audit", "Informational", true, "MsDefender:pushIOCAudit"),
        new("pushIOCAlert", null, "audit (formerly Alert)", null, "Audit", "Informational", true, null),
        new("pushIOCWarn", null, "warn on", null, "Warn", "Medium", true, "MsDefender:pushIOCWarn"),
        new("pushIOCBlock", null, "block", null, "Block", "Low", false, "MsDefender:pushIOCBlock"),
        new("pushIOCBlockAndRemediate", null, "block and remediate", null, "BlockAndRemediate", "High", true, "MsDefender:pushIOCBlockAndRemediate"),
    }.ToDictionary(action => action.Service, StringComparer.Ordinal);

    /// <summary>The services each observable type takes.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ByObservableType = Types();

    private static Dictionary<string, string[]> Types()
    {
        string[] machine = ["isolateMachine", "unisolateMachine", "runFullVirusScan", "restrictAppExecution", "unrestrictAppExecution", "startAutoInvestigation"];
        string[] indicator = ["pushIOCAllowed", "pushIOCAudit", "pushIOCWarn", "pushIOCBlock", "pushIOCAlert"];
        return new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            [ObservableTypes.Hash] = [.. indicator, "pushIOCBlockAndRemediate"],
            [ObservableTypes.Ip] = [.. indicator, .. machine],
            [ObservableTypes.Url] = indicator,
            [ObservableTypes.Domain] = indicator,
            [ObservableTypes.Fqdn] = indicator,
            [ObservableTypes.Hostname] = machine,
        };
    }
}
