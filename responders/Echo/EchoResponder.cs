using Cortex.Responders;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Echo;

/// <summary>
/// The smallest real responder, a port of Cortex-Analyzers' responders/Test. Its two flavors pick the
/// service with <c>config.service</c>: <c>echo</c> (DevTools_Echo) reports the TheHive object it was given,
/// <c>test</c> (Test) reports a message and tags the object.
/// </summary>
public sealed class EchoResponder : Responder
{
    protected override Task RunAsync(CancellationToken cancellationToken)
    {
        var service = GetParam<string>("config.service", message: "Service parameter is missing.");
        switch (service)
        {
            case "echo":
                // Reported as it is, so it must be what Cortex accepts as a full report: an object.
                Report(GetParam<JObject>("data", message: "Missing data field")!);
                break;
            case "test":
                Report(new JObject { ["message"] = "test" });
                break;
            default:
                Error($"Unknown service \"{service}\": config.service must be \"echo\" or \"test\".");
                break;
        }

        return Task.CompletedTask;
    }

    protected override IEnumerable<Operation> Operations(JObject full)
    {
        if (GetParam<string>("config.service") != "test")
        {
            return [];
        }

        // The original always tags the case; TheHive 4/5 find no case from an alert or an observable.
        return [Operation.AddTag(DataType, "test")];
    }
}
