using Cortex.Responders.Hosting;

namespace Cortex.Responders;

/// <summary>Starts a responder as Cortex runs it: <c>&lt;command&gt; &lt;jobFolder&gt;</c>.</summary>
public static class ResponderHost
{
    /// <summary>The job folder when none is given and CORTEX_JOB_FOLDER is unset, as the Docker runner mounts it.</summary>
    public const string DefaultJobDirectory = JobFolder.DefaultPath;

    /// <summary>
    /// Runs one job and returns the process exit code: 0 after a report, 1 after an error (the output says
    /// why, or standard error when no output could be written), 2 for a command line that makes no sense.
    /// The job input is <c>&lt;jobFolder&gt;/input/input.json</c> and the output
    /// <c>&lt;jobFolder&gt;/output/output.json</c>; when the input file does not exist the job comes on
    /// standard input and the report goes to standard output (Cortex 2). Anything the responder prints on
    /// standard output goes to standard error instead. SIGTERM (Cortex's timeout) writes an error output
    /// and cancels the responder's token.
    /// </summary>
    /// <typeparam name="TResponder">The responder.</typeparam>
    /// <param name="args">
    /// The command line: the job folder (default: CORTEX_JOB_FOLDER, else <c>/job</c>), or <c>--help</c>, <c>--version</c>.
    /// </param>
    /// <returns>The exit code.</returns>
    /// <example><code>return await ResponderHost.RunAsync&lt;MyResponder&gt;(args);</code></example>
    public static Task<int> RunAsync<TResponder>(string[] args)
        where TResponder : Responder, new() =>
        WorkerHost.RunAsync<TResponder>(args);
}
