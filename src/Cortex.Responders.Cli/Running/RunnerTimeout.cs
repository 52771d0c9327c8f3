namespace Cortex.Responders.Cli.Running;

/// <summary>
/// What one of Cortex 4.1's runners does at the job timeout, and with a missing report, as <see cref="ProcessJobRunner"/> plays it:
/// <list type="bullet">
/// <item>process: SIGTERM (the JVM's <c>Process.destroy()</c>) and no SIGKILL after it: a worker that ignores it runs
/// on; a missing report becomes <c>{"success": false, "errorMessage": &lt;what it printed&gt;}</c>;</item>
/// <item>docker: no SIGTERM, SIGKILL (<c>DockerClient.clean</c> kills and removes the container); the container's
/// logs stand in for a missing report the same way;</item>
/// <item>kubernetes: the Job is deleted, so its pod gets SIGTERM, then SIGKILL after the grace period (Kubernetes'
/// default <c>terminationGracePeriodSeconds</c>, 30 s); nothing is written in place of a missing report.</item>
/// </list>
/// </summary>
/// <param name="Runner">The runner's name (<see cref="RunnerNames"/>).</param>
/// <param name="Terminates">Whether the timeout sends SIGTERM (else SIGKILL at once).</param>
/// <param name="KillAfter">How long after SIGTERM the process is killed; null: never.</param>
/// <param name="WritesMissingOutput">Whether a missing or empty report is replaced by what the process printed.</param>
internal sealed record RunnerTimeout(string Runner, bool Terminates, TimeSpan? KillAfter, bool WritesMissingOutput)
{
    /// <summary>Kubernetes' default <c>terminationGracePeriodSeconds</c>.</summary>
    public static readonly TimeSpan KubernetesGrace = TimeSpan.FromSeconds(30);

    /// <summary>The behaviour of <paramref name="runner"/>; an unknown name is the process runner's.</summary>
    public static RunnerTimeout Of(string runner) => runner switch
    {
        RunnerNames.Docker => new(runner, Terminates: false, KillAfter: TimeSpan.Zero, WritesMissingOutput: true),
        RunnerNames.Kubernetes => new(runner, Terminates: true, KillAfter: KubernetesGrace, WritesMissingOutput: false),
        _ => new(RunnerNames.Process, Terminates: true, KillAfter: null, WritesMissingOutput: true),
    };

    /// <summary>What happened at the timeout, in the words of the run's warnings.</summary>
    public string Describe(TimeSpan timeout, bool killed) => Runner switch
    {
        RunnerNames.Docker => $"Cortex's job timeout ({Seconds(timeout)} s) was reached: the Docker runner killed the container (SIGKILL, no SIGTERM before it)",
        RunnerNames.Kubernetes => $"Cortex's job timeout ({Seconds(timeout)} s) was reached: the Kubernetes runner deleted the Job, so the pod got SIGTERM"
            + (killed ? $" and, still running {Seconds(KubernetesGrace)} s later, SIGKILL" : string.Empty),
        _ => $"Cortex's job timeout ({Seconds(timeout)} s) was reached: the process got SIGTERM (and never SIGKILL: Cortex's process runner waits for it)",
    };

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
