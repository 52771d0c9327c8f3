using Cortex.Responders.Hosting;

namespace Cortex.Responders;

/// <summary>Starts an analyzer as Cortex runs it: <c>&lt;command&gt; &lt;jobFolder&gt;</c>, exactly as <see cref="ResponderHost"/> starts a responder.</summary>
public static class AnalyzerHost
{
    /// <summary>
    /// Runs one job and returns the process exit code: 0 after a report, 1 after an error, 2 for a command line
    /// that makes no sense. The job folder, the transports, standard output and SIGTERM behave as
    /// <see cref="ResponderHost.RunAsync{TResponder}"/> describes; a <c>file</c> observable is read from
    /// <c>&lt;jobFolder&gt;/input/</c> and file artifacts are written into <c>&lt;jobFolder&gt;/output/</c>.
    /// </summary>
    /// <typeparam name="TAnalyzer">The analyzer.</typeparam>
    /// <param name="args">The command line: the job folder (default: CORTEX_JOB_FOLDER, else <c>/job</c>), or <c>--help</c>, <c>--version</c>.</param>
    /// <returns>The exit code.</returns>
    /// <example><code>return await AnalyzerHost.RunAsync&lt;MyAnalyzer&gt;(args);</code></example>
    public static Task<int> RunAsync<TAnalyzer>(string[] args)
        where TAnalyzer : Analyzer, new() =>
        WorkerHost.RunAsync<TAnalyzer>(args);
}
