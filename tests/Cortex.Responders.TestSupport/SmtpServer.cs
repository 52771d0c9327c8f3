using System.Diagnostics;
using System.Threading.Channels;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.TestSupport;

/// <summary>
/// A real SMTP server (Debian's python3-aiosmtpd, Peers/smtp_server.py) on a free loopback port, for the
/// life of a test. It hands back every message it accepted, with its envelope and how the session was
/// protected.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    /// <summary>The Python that has the Debian package (not a pyenv one earlier on PATH).</summary>
    private const string Python = "/usr/bin/python3";

    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(20);

    private readonly Process process;
    private readonly Channel<SmtpDelivery> deliveries = Channel.CreateUnbounded<SmtpDelivery>();
    private readonly Task reading;
    private readonly Task<string> errors;
    private TemporaryDirectory? files;

    private SmtpServer(Process process, int port)
    {
        this.process = process;
        Port = port;
        reading = Task.Run(ReadDeliveriesAsync);
        errors = process.StandardError.ReadToEndAsync();
    }

    public int Port { get; }

    /// <summary>
    /// Starts a server that offers STARTTLS (or implicit TLS with --implicit-tls) with a certificate for
    /// <paramref name="hostName"/> signed by <paramref name="authority"/>; <paramref name="options"/> as for <see cref="StartAsync"/>.
    /// </summary>
    public static async Task<SmtpServer> StartWithTlsAsync(TestCertificates authority, string hostName = "localhost", params string[] options)
    {
        var files = new TemporaryDirectory();
        var (certificate, key) = authority.IssueServerPemFiles(files.Path, hostName);
        var server = await StartAsync(["--cert", certificate, "--key", key, .. options]);
        server.files = files;
        return server;
    }

    /// <summary>Starts the server; <paramref name="options"/> are smtp_server.py's (--cert, --user…).</summary>
    public static async Task<SmtpServer> StartAsync(params string[] options)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(Repository.Root, "tests", "Cortex.Responders.TestSupport", "Peers", "smtp_server.py"));
        foreach (var option in options)
        {
            start.ArgumentList.Add(option);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {Python}");
        using var limit = new CancellationTokenSource(StartLimit);
        string? first;
        try
        {
            first = await process.StandardOutput.ReadLineAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            first = null;
        }

        if (first is null)
        {
            process.Kill();
            throw new InvalidOperationException($"the SMTP server did not start within {StartLimit.TotalSeconds} s: {await process.StandardError.ReadToEndAsync()} (is python3-aiosmtpd installed? .ci/run installs it)");
        }

        return new SmtpServer(process, (int)JObject.Parse(first)["port"]!);
    }

    /// <summary>The next message the server accepted; fails after <paramref name="timeout"/> (5 s by default).</summary>
    public async Task<SmtpDelivery> NextAsync(TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(5));
        try
        {
            return await deliveries.Reader.ReadAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the SMTP server received no message within {(timeout ?? TimeSpan.FromSeconds(5)).TotalSeconds} s");
        }
    }

    /// <summary>
    /// Fails if a message arrives within a second. Call it after the client has ended: a message it sent
    /// was printed by the server before the client got the server's answer, so a second covers the pipe.
    /// </summary>
    public async Task ShouldReceiveNothingAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            var delivery = await deliveries.Reader.ReadAsync(limit.Token);
            throw new InvalidOperationException($"the SMTP server received a message it should not have: from {delivery.MailFrom} to {string.Join(", ", delivery.RecipientsTo)}");
        }
        catch (OperationCanceledException)
        {
            // Nothing arrived.
        }
        catch (ChannelClosedException)
        {
            // The server ended without a message.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
        }

        await process.WaitForExitAsync();
        await Task.WhenAll(reading, errors);
        process.Dispose();
        files?.Dispose();
    }

    private async Task ReadDeliveriesAsync()
    {
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            var record = JObject.Parse(line);
            await deliveries.Writer.WriteAsync(new SmtpDelivery(
                (string)record["mailFrom"]!,
                record["rcptTos"]!.Values<string>().Select(r => r!).ToList(),
                Convert.FromBase64String((string)record["data"]!),
                (bool)record["tls"]!,
                (string?)record["login"]));
        }

        deliveries.Writer.Complete();
    }
}
