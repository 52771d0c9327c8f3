using Cortex.Responders;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Analyzers.Echo;

/// <summary>
/// The analyzer twin of the Echo responder, and the first analyzer to run: it reports what it was given, the
/// analysed value (the file's name for a file), the job's message and parameters, with one taxonomy naming
/// the data type; its artifacts are whatever cortexutils' extractor finds in that report.
/// </summary>
public sealed class EchoAnalyzer : Analyzer
{
    protected override Task RunAsync(CancellationToken cancellationToken)
    {
        Report(new JObject
        {
            ["data"] = GetObservable(),
            ["message"] = GetParam("message"),
            ["parameters"] = GetParam("parameters"),
        });
        return Task.CompletedTask;
    }

    protected override JObject Summary(JObject full) =>
        JobReport.SummaryOf([BuildTaxonomy(TaxonomyLevels.Info, "Echo", "dataType", DataType)]);
}
