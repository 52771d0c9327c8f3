using Newtonsoft.Json.Linq;

namespace Cortex.Responders;

/// <summary>
/// A job's report, <c>output/output.json</c>, as Cortex 4.1 reads it (<c>JobRunnerSrv.extractReport</c>): the one
/// writer of the documents a worker leaves (<see cref="ForResponder"/>, <see cref="ForAnalyzer"/>,
/// <see cref="ForFailure"/>) and the one reader of any document found there, written by whatever program.
/// The reader never throws: a field of the wrong type reads as absent, as Cortex treats it.
/// </summary>
public sealed class JobReport
{
    /// <summary>Reads <paramref name="document"/> (not copied: the accessors see later changes to it).</summary>
    /// <param name="document">output.json, parsed.</param>
    public JobReport(JObject document) => Document = document ?? throw new ArgumentNullException(nameof(document));

    /// <summary>The whole document.</summary>
    public JObject Document { get; }

    /// <summary>Whether <c>success</c> is the JSON boolean <c>true</c>; anything else is a failure to Cortex.</summary>
    public bool Success => Document[ReportKeys.Success] is { Type: JTokenType.Boolean } success && (bool)success;

    /// <summary>Whether <c>success</c> is a JSON boolean at all (Cortex fails the job either way, but a checker says so).</summary>
    public bool HasBooleanSuccess => Document[ReportKeys.Success] is { Type: JTokenType.Boolean };

    /// <summary><c>full</c> as it is (any JSON, or null when missing): Cortex requires an object.</summary>
    public JToken? FullToken => Document[ReportKeys.Full];

    /// <summary>The full report of a successful job when it is an object, or null.</summary>
    public JObject? Full => Success ? FullToken as JObject : null;

    /// <summary><c>operations</c> as it is, or null when missing.</summary>
    public JToken? OperationsToken => Document[ReportKeys.Operations];

    /// <summary>The operations of a successful job (empty otherwise, and without entries that are not objects).</summary>
    public IReadOnlyList<JObject> Operations => Objects(Success ? OperationsToken : null);

    /// <summary><c>summary</c> as it is, or null when missing.</summary>
    public JToken? SummaryToken => Document[ReportKeys.Summary];

    /// <summary>The summary of a successful analyzer job when it is an object, or null.</summary>
    public JObject? Summary => Success ? SummaryToken as JObject : null;

    /// <summary><c>summary.taxonomies</c> as it is, or null when missing.</summary>
    public JToken? TaxonomiesToken => (SummaryToken as JObject)?[ReportKeys.Taxonomies];

    /// <summary>The summary's taxonomies of a successful job (empty otherwise).</summary>
    public IReadOnlyList<JObject> Taxonomies => Objects(Success ? TaxonomiesToken : null);

    /// <summary><c>artifacts</c> as it is, or null when missing.</summary>
    public JToken? ArtifactsToken => Document[ReportKeys.Artifacts];

    /// <summary>The artifacts of a successful analyzer job (empty otherwise).</summary>
    public IReadOnlyList<JObject> Artifacts => Objects(Success ? ArtifactsToken : null);

    /// <summary>Whether the document carries an analyzer's fields (<c>summary</c> or <c>artifacts</c>).</summary>
    public bool HasAnalyzerFields => SummaryToken is not null || ArtifactsToken is not null;

    /// <summary><c>errorMessage</c> as it is, or null when missing.</summary>
    public JToken? ErrorMessageToken => Document[ReportKeys.ErrorMessage];

    /// <summary>The error message of a failed job when it is a string, or null.</summary>
    public string? ErrorMessage => !Success && ErrorMessageToken is { Type: JTokenType.String } message ? (string?)message : null;

    /// <summary>The input a failed job returned (its secrets masked: Cortex stores it with the job), or null.</summary>
    public JObject? Input => Success ? null : Document[ReportKeys.Input] as JObject;

    /// <summary>A responder's report: <c>{"success": true, "full": …, "operations": […]}</c>, as cortexutils writes it.</summary>
    /// <param name="full">The full report.</param>
    /// <param name="operations">The operations, each an object.</param>
    /// <returns>The report.</returns>
    public static JobReport ForResponder(JObject full, JArray operations) =>
        new(new JObject { [ReportKeys.Success] = true, [ReportKeys.Full] = full, [ReportKeys.Operations] = operations });

    /// <summary>
    /// An analyzer's report: <c>{"success": true, "summary": …, "artifacts": […], "operations": […], "full": …}</c>,
    /// in cortexutils' order.
    /// </summary>
    /// <param name="full">The full report.</param>
    /// <param name="summary">The summary, usually <c>{"taxonomies": […]}</c>.</param>
    /// <param name="artifacts">The extracted observables.</param>
    /// <param name="operations">The operations.</param>
    /// <returns>The report.</returns>
    public static JobReport ForAnalyzer(JObject full, JObject summary, JArray artifacts, JArray operations) =>
        new(new JObject
        {
            [ReportKeys.Success] = true,
            [ReportKeys.Summary] = summary,
            [ReportKeys.Artifacts] = artifacts,
            [ReportKeys.Operations] = operations,
            [ReportKeys.Full] = full,
        });

    /// <summary>A summary of <paramref name="taxonomies"/>: <c>{"taxonomies": […]}</c>.</summary>
    /// <param name="taxonomies">The taxonomies, each <c>{level, namespace, predicate, value}</c>.</param>
    /// <returns>The summary object.</returns>
    public static JObject SummaryOf(IEnumerable<JObject> taxonomies) => new() { [ReportKeys.Taxonomies] = new JArray(taxonomies) };

    /// <summary>
    /// One taxonomy of a summary: <c>{"level", "namespace", "predicate", "value"}</c>; a level TheHive does not know
    /// becomes <c>info</c>, as in cortexutils.
    /// </summary>
    /// <param name="level">One of <see cref="TaxonomyLevels.All"/>.</param>
    /// <param name="namespace">The analyzer's name.</param>
    /// <param name="predicate">What is measured.</param>
    /// <param name="value">The measure.</param>
    /// <returns>The taxonomy.</returns>
    public static JObject Taxonomy(string level, string @namespace, string predicate, JToken value) =>
        new()
        {
            [TaxonomyKeys.Level] = TaxonomyLevels.IsKnown(level) ? level : TaxonomyLevels.Info,
            [TaxonomyKeys.Namespace] = @namespace,
            [TaxonomyKeys.Predicate] = predicate,
            [TaxonomyKeys.Value] = value,
        };

    /// <summary>A failure: <c>{"success": false, "input": …, "errorMessage": …}</c> (no <c>input</c> when it is null).</summary>
    /// <param name="maskedInput">The job input with its secrets masked, or null.</param>
    /// <param name="message">The one-line message.</param>
    /// <returns>The report.</returns>
    public static JobReport ForFailure(JObject? maskedInput, string message)
    {
        var document = new JObject { [ReportKeys.Success] = false };
        if (maskedInput is not null)
        {
            document[ReportKeys.Input] = maskedInput;
        }

        document[ReportKeys.ErrorMessage] = message;
        return new JobReport(document);
    }

    private static List<JObject> Objects(JToken? token) => token is JArray array ? array.OfType<JObject>().ToList() : [];
}
