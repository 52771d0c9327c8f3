using System.Text;
using FluentAssertions;
using MimeKit;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.TestSupport;

/// <summary>
/// Runs a published mail responder on a fixture as Cortex does, against a test SMTP server, and checks failures the
/// same way; shared by the tests of every mail responder and of the Mail library.
/// </summary>
public static class MailJob
{
    /// <summary>Runs <c>&lt;root&gt;/&lt;command&gt; &lt;jobFolder&gt;</c> on <paramref name="fixture"/> changed by <paramref name="edit"/>; <paramref name="caPem"/> goes to input/cacerts.</summary>
    public static async Task<CortexRun> RunAsync(string command, string fixture, Action<JObject> edit, string? caPem = null, TimeSpan? timeout = null)
    {
        var root = await PublishedResponders.PublishAsync(command.Split('/')[0]);

        // A test that sets no server of its own must never reach a real MTA on port 25.
        using var closed = ClosedPort(out var nowhere);
        using var job = CortexJob.FromFixture(fixture, input =>
        {
            if (input["config"] is JObject config)
            {
                config["smtp_host"] = "127.0.0.1";
                config["smtp_port"] = nowhere;
            }

            edit(input);
        });
        var environment = new Dictionary<string, string> { [JobFolder.CaBundleVariable] = string.Empty };
        if (caPem is not null)
        {
            var path = JobFolder.CaCertificatesFile(job.Directory);
            await File.WriteAllTextAsync(path, caPem);
            environment[JobFolder.CaBundleVariable] = path;
        }

        return await job.RunAsync(root, command, timeout, environment: environment);
    }

    /// <summary>A loopback port bound to a socket that does not listen (connection refused) for as long as it is kept.</summary>
    public static System.Net.Sockets.Socket ClosedPort(out int port)
    {
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        port = ((System.Net.IPEndPoint)socket.LocalEndPoint!).Port;
        return socket;
    }

    /// <summary>Points the job's SMTP configuration at <paramref name="port"/> on <paramref name="host"/>.</summary>
    public static JObject Smtp(JObject input, int port, string host = "127.0.0.1")
    {
        var config = (JObject)input["config"]!;
        config["smtp_host"] = host;
        config["smtp_port"] = port;
        return config;
    }

    public static MimeMessage Parse(SmtpDelivery delivery) => MimeMessage.Load(new MemoryStream(delivery.Data));

    /// <summary>The raw header lines of the delivered message, unfolded.</summary>
    public static IReadOnlyList<string> HeaderNames(SmtpDelivery delivery)
    {
        var text = Encoding.UTF8.GetString(delivery.Data);
        var head = text[..text.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        return head.Split("\r\n").Where(l => l.Length > 0 && !char.IsWhiteSpace(l[0])).Select(l => l[..l.IndexOf(':')]).ToList();
    }

    /// <summary>What Cortex must see on every failure: success false, a one-line message, exit 1, and no secret anywhere.</summary>
    public static void ShouldFail(this CortexRun run, string messagePart, params string[] secrets)
    {
        run.Success.Should().BeFalse(run.ToString());
        run.ExitCode.Should().Be(1, run.ToString());
        run.ErrorMessage.Should().Contain(messagePart, run.ToString());
        run.ErrorMessage.Should().NotContainAny(["\n", "\r"]);
        run.StandardOutput.Should().BeEmpty();
        foreach (var secret in secrets)
        {
            Encoding.UTF8.GetString(run.OutputBytes).Should().NotContain(secret);
            run.StandardError.Should().NotContain(secret);
        }
    }

    public static void ShouldSucceed(this CortexRun run)
    {
        run.ExitCode.Should().Be(0, run.ToString());
        run.Success.Should().BeTrue(run.ToString());
        run.Output!["full"].Should().BeOfType<JObject>();
    }

    public static IReadOnlyList<JObject> Operations(this CortexRun run) => run.Output!["operations"]!.Children<JObject>().ToList();
}
