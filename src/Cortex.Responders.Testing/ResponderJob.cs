using Cortex.Responders.Jobs;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Testing;

/// <summary>
/// Runs a responder in-process as Cortex would: in a fresh job folder with input/input.json (and
/// input/cacerts), through the same code path as the published executable, then reads output/output.json.
/// </summary>
/// <example>
/// <code>
/// var result = await ResponderJob.RunAsync&lt;MyResponder&gt;(JObject.Parse(File.ReadAllText("case.json")));
/// result.Success.Should().BeTrue();
/// result.Operations.Should().ContainSingle(o =&gt; (string)o["type"]! == "AddTagToCase");
/// </code>
/// </example>
public static class ResponderJob
{
    /// <summary>Runs a job whose input is <paramref name="input"/>.</summary>
    /// <typeparam name="TResponder">The responder.</typeparam>
    /// <param name="input">The whole job input (<c>data</c>, <c>dataType</c>, <c>config</c>…).</param>
    /// <param name="options">Environment, CA certificates and timeout, or null.</param>
    /// <returns>What the job left behind.</returns>
    public static Task<ResponderResult> RunAsync<TResponder>(JObject input, JobOptions? options = null)
        where TResponder : Responder, new()
    {
        ArgumentNullException.ThrowIfNull(input);
        return RunAsync<TResponder>(JobOutput.Serialize(input), options);
    }

    /// <summary>Runs a job whose input is the file at <paramref name="inputFile"/>, byte for byte (a fixture).</summary>
    /// <typeparam name="TResponder">The responder.</typeparam>
    /// <param name="inputFile">A job input file, as Cortex writes input/input.json.</param>
    /// <param name="options">Environment, CA certificates and timeout, or null.</param>
    /// <returns>What the job left behind.</returns>
    public static Task<ResponderResult> RunInputFileAsync<TResponder>(string inputFile, JobOptions? options = null)
        where TResponder : Responder, new() =>
        RunAsync<TResponder>(File.ReadAllBytes(inputFile), options);

    /// <summary>Runs a job whose input/input.json holds exactly <paramref name="input"/> (malformed inputs too).</summary>
    /// <typeparam name="TResponder">The responder.</typeparam>
    /// <param name="input">The bytes of input/input.json.</param>
    /// <param name="options">Environment, CA certificates and timeout, or null.</param>
    /// <returns>What the job left behind.</returns>
    public static async Task<ResponderResult> RunAsync<TResponder>(byte[] input, JobOptions? options = null)
        where TResponder : Responder, new()
    {
        ArgumentNullException.ThrowIfNull(input);
        var run = await InProcessJob.RunAsync(() => new TResponder(), input, options ?? new JobOptions(), inputFiles: null).ConfigureAwait(false);
        return new ResponderResult(run);
    }
}
