using Cortex.Responders;
using System.Text;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using NUnit.Framework;

namespace Cortex.Workers.Responders.Echo.Tests;

/// <summary>Cortex's SIGTERM on a job busy with a large input still ends it with one valid output, before Docker's runner would kill it.</summary>
[TestFixture]
public sealed class EchoStopTests
{
    private const string Command = "Echo/Echo";

    /// <summary>Docker's runner kills a container 10 s after its SIGTERM.</summary>
    private static readonly TimeSpan DockerKill = TimeSpan.FromSeconds(10);

    [Test]
    public async Task AStopDuringTheErrorOfALargeInputEndsInTimeWithAValidOutput()
    {
        var root = await PublishedResponders.PublishAsync("Echo");

        // About 100 MB, and an unknown service: the error output masks (copies and scrubs) the whole input.
        var text = new StringBuilder(110_000_000);
        text.Append("""{"dataType": "thehive:case", "tlp": 2, "pap": 2, "config": {"service": "nope", "api_key": "Secret-Key-123"}, "data": {"bulk": [""");
        var item = "\"" + new string('x', 990) + " Secret-Key-123\"";
        for (var i = 0; i < 100_000; i++)
        {
            text.Append(i == 0 ? string.Empty : ",").Append(item);
        }

        text.Append("]}}");
        using var job = CortexJob.Create(Encoding.UTF8.GetBytes(text.ToString()));
        text.Clear();

        var run = await job.RunAsync(root, Command, timeout: TimeSpan.FromSeconds(2));

        run.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2) + DockerKill, "the process must end before Docker's runner kills it");
        run.Output.Should().NotBeNull("one valid output.json: {0}", run.StandardError);
        run.Success.Should().BeFalse();
        run.ErrorMessage.Should().NotBeNullOrEmpty();
        Directory.GetFiles(Path.GetDirectoryName(job.OutputFile)!).Select(Path.GetFileName).Should().Equal("output.json");
        Encoding.UTF8.GetString(run.OutputBytes).Should().NotContain("Secret-Key-123");
    }
}
