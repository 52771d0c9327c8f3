using Newtonsoft.Json.Linq;

namespace Cortex.Responders;

/// <summary>
/// The base class of a responder: derive from it, implement <see cref="Worker.RunAsync"/>, end it with
/// <see cref="Worker.Report"/> or <see cref="Worker.Error"/>, hand TheHive its <see cref="Operations"/>, and start
/// it with <see cref="ResponderHost.RunAsync{TResponder}"/>. It ports cortexutils' <c>Responder</c>: the job
/// input, <see cref="Worker.GetParam{T}"/>, the TLP/PAP checks, proxies and secret masking behave the same
/// (<see cref="Worker"/>), and every way a job can fail still ends in one valid output.
/// </summary>
/// <example>
/// <code>
/// public sealed class Hello : Responder
/// {
///     protected override Task RunAsync(CancellationToken cancellationToken)
///     {
///         var title = GetParam&lt;string&gt;("data.title", message: "the case has no title");
///         Report(new JObject { ["message"] = $"hello {title}" });
///         return Task.CompletedTask;
///     }
///
///     protected override IEnumerable&lt;Operation&gt; Operations(JObject full) =&gt; [Operation.AddTag(DataType, "greeted")];
/// }
/// </code>
/// </example>
public abstract class Responder : Worker
{
    /// <summary>
    /// The operations TheHive applies after a successful job, computed from the full report. An exception
    /// here is logged and yields no operation, as in cortexutils; an operation TheHive cannot apply after
    /// this job's data type is said on standard error.
    /// </summary>
    /// <param name="full">The full report given to <see cref="Worker.Report"/>.</param>
    /// <returns>The operations; none by default.</returns>
    protected virtual IEnumerable<Operation> Operations(JObject full) => [];

    /// <summary>The job's data: the TheHive object (case, alert, task, observable…) the responder acts on. A missing one ends the job.</summary>
    /// <returns>The data.</returns>
    /// <exception cref="JobStoppedException">It is missing (the job has ended): let it through.</exception>
    protected JToken GetData() => RequireParam<JToken>("data", "Missing data field");

    /// <summary><c>{"success": true, "full": full, "operations": Operations(full)}</c>, as cortexutils' responder reports.</summary>
    private protected sealed override JObject CompleteReport(JObject full) =>
        JobReport.ForResponder(full, CollectOperations(() => Operations(full))).Document;
}
