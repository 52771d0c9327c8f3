namespace Cortex.Responders;

/// <summary>
/// The keys of a job's report, <c>output/output.json</c>, as Cortex 4.1 reads them (<c>JobRunnerSrv.extractReport</c>)
/// and cortexutils writes them. The library writes a report with these names and nothing else; the testing package
/// and the CLI read it back with them.
/// </summary>
public static class ReportKeys
{
    /// <summary><c>success</c>: <c>true</c> for a report, anything else for a failure.</summary>
    public const string Success = "success";

    /// <summary><c>full</c>: the worker's full report, a JSON object (TheHive's long view shows it as <c>content</c>).</summary>
    public const string Full = "full";

    /// <summary><c>operations</c>: a responder's operations, an array of objects.</summary>
    public const string Operations = "operations";

    /// <summary><c>summary</c>: an analyzer's summary, an object whose <c>taxonomies</c> TheHive shows in its short view.</summary>
    public const string Summary = "summary";

    /// <summary><c>taxonomies</c>, inside <see cref="Summary"/>: the array TheHive's short view is built from.</summary>
    public const string Taxonomies = "taxonomies";

    /// <summary><c>artifacts</c>: an analyzer's extracted observables, an array of objects.</summary>
    public const string Artifacts = "artifacts";

    /// <summary><c>errorMessage</c>: a failure's one-line message.</summary>
    public const string ErrorMessage = "errorMessage";

    /// <summary><c>input</c>: a failure's copy of the job input, secrets masked (Cortex stores it with the job).</summary>
    public const string Input = "input";
}
