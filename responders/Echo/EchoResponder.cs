using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Echo;

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
                var data = GetData();
                if (data is not JObject)
                {
                    Error($"the echo service reports the job's data, which must be a JSON object for Cortex to accept it; this job's data is {DescribeKind(data)}");
                }

                Report(data);
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
        return [DataType switch
        {
            "thehive:alert" => Operation.AddTagToAlert("test"),
            "thehive:case_artifact" => Operation.AddTagToArtifact("test"),
            _ => Operation.AddTagToCase("test"),
        }];
    }

    private static string DescribeKind(JToken data) => data.Type switch
    {
        JTokenType.Array => "an array",
        JTokenType.String => "a string",
        JTokenType.Integer or JTokenType.Float => "a number",
        JTokenType.Boolean => "a boolean",
        _ => data.Type.ToString().ToLowerInvariant(),
    };
}
