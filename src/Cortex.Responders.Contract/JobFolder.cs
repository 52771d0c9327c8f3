namespace Cortex.Responders;

/// <summary>
/// The job folder Cortex prepares for each job: it writes <c>input/input.json</c> (and <c>input/cacerts</c>),
/// runs the worker, and reads <c>output/output.json</c>. The Docker runner mounts it at <c>/job</c>; the
/// Kubernetes runner also sets <c>CORTEX_JOB_FOLDER</c> and mounts <c>input/</c> read-only.
/// </summary>
public static class JobFolder
{
    /// <summary>The job folder when the command line names none and <see cref="FolderVariable"/> is unset (the Docker runner's mount).</summary>
    public const string DefaultPath = "/job";

    /// <summary>
    /// The environment variable the Kubernetes runner sets: the job folder relative to Cortex's job directory (a volume
    /// sub-path), read only when the command line names no folder (the runner passes <c>/job</c>, which wins).
    /// </summary>
    public const string FolderVariable = "CORTEX_JOB_FOLDER";

    /// <summary>The environment variable that points at the organisation's CA certificates (<c>input/cacerts</c>).</summary>
    public const string CaBundleVariable = "REQUESTS_CA_BUNDLE";

    /// <summary>The folder Cortex writes the job into.</summary>
    public const string InputFolder = "input";

    /// <summary>The folder the worker writes its report (and an analyzer's files) into; the only one it may write.</summary>
    public const string OutputFolder = "output";

    /// <summary>The job input's file name, in <see cref="InputFolder"/>.</summary>
    public const string InputFileName = "input.json";

    /// <summary>The report's file name, in <see cref="OutputFolder"/>.</summary>
    public const string OutputFileName = "output.json";

    /// <summary>The CA certificates' file name (PEM), in <see cref="InputFolder"/>.</summary>
    public const string CaCertificatesFileName = "cacerts";

    /// <summary><c>&lt;jobFolder&gt;/input/input.json</c>.</summary>
    /// <param name="jobFolder">The job folder.</param>
    /// <returns>The path.</returns>
    public static string InputFile(string jobFolder) => Path.Combine(jobFolder, InputFolder, InputFileName);

    /// <summary><c>&lt;jobFolder&gt;/output/output.json</c>.</summary>
    /// <param name="jobFolder">The job folder.</param>
    /// <returns>The path.</returns>
    public static string OutputFile(string jobFolder) => Path.Combine(jobFolder, OutputFolder, OutputFileName);

    /// <summary><c>&lt;jobFolder&gt;/input/cacerts</c>.</summary>
    /// <param name="jobFolder">The job folder.</param>
    /// <returns>The path.</returns>
    public static string CaCertificatesFile(string jobFolder) => Path.Combine(jobFolder, InputFolder, CaCertificatesFileName);

    /// <summary>
    /// The job folder of a worker started with <paramref name="arguments"/>: the first argument, as cortexutils
    /// reads <c>argv[1]</c>, else <see cref="FolderVariable"/>, else <see cref="DefaultPath"/>.
    /// </summary>
    /// <param name="arguments">The command line, without the program.</param>
    /// <param name="getEnvironmentVariable">Reads an environment variable.</param>
    /// <returns>The job folder.</returns>
    public static string Resolve(IReadOnlyList<string> arguments, Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        if (arguments.Count > 0)
        {
            return arguments[0];
        }

        return getEnvironmentVariable(FolderVariable) is { Length: > 0 } given ? given : DefaultPath;
    }
}
