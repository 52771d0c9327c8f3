namespace Cortex.Responders.Cli.Definitions;

/// <summary>
/// What a flavor defines. Cortex's definitions do not say it: the same JSON is an analyzer when read from an
/// <c>analyzer.urls</c> root and a responder when read from a <c>responder.urls</c> root. Without
/// <c>--kind</c>, the data types tell (<see cref="Auto"/>).
/// </summary>
internal enum WorkerKind
{
    /// <summary>
    /// From the flavor's <c>dataTypeList</c>: observable types and no <c>thehive:*</c> type, an analyzer; anything
    /// else, a responder (a list holding both is a finding).
    /// </summary>
    Auto,

    /// <summary>Read from <c>analyzer.urls</c>: TheHive offers it on observables of its data types.</summary>
    Analyzer,

    /// <summary>Read from <c>responder.urls</c>: TheHive offers it on cases, alerts, observables, tasks and logs.</summary>
    Responder,
}
