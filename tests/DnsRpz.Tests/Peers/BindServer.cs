using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using Cortex.Responders.TestSupport;

namespace Cortex.Workers.Responders.DnsRpz.Tests.Peers;

/// <summary>
/// A real BIND 9 (Debian's bind9, /usr/sbin/named) on a free loopback port for the life of a test: a generated
/// HMAC-SHA512 TSIG key, the policy zone <see cref="Zone"/> that the key may update, a zone
/// <see cref="FrozenZone"/> that takes no update, and a local root zone so that BIND, a resolver with the
/// policy zone as its response policy, answers every name itself and never asks outside.
/// </summary>
internal sealed class BindServer : IDisposable
{
    public const string Named = "/usr/sbin/named";
    public const string KeyName = "cortex-test.";
    public const string Zone = "rpz.";
    public const string FrozenZone = "frozen-rpz.";

    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);

    private readonly TemporaryDirectory folder;
    private readonly Process process;
    private readonly StringBuilder log = new();
    private bool disposed;

    private BindServer(TemporaryDirectory folder, Process process, int port, string secret)
    {
        this.folder = folder;
        this.process = process;
        Port = port;
        Secret = secret;
    }

    public int Port { get; }

    /// <summary>The key's secret, base64 as in BIND's key statement.</summary>
    public string Secret { get; }

    /// <summary>bind_server as the responder's configuration gives it.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>What named wrote so far (its log, -g).</summary>
    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    public static async Task<BindServer> StartAsync()
    {
        var folder = new TemporaryDirectory();
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var port = FreePort();
        var dir = folder.Path;
        File.WriteAllText(Path.Combine(dir, "named.conf"), $$"""
            key "{{KeyName}}" { algorithm hmac-sha512; secret "{{secret}}"; };
            options {
              directory "{{dir}}";
              pid-file "{{dir}}/named.pid";
              session-keyfile "{{dir}}/session.key";
              managed-keys-directory "{{dir}}";
              listen-on port {{port}} { 127.0.0.1; };
              listen-on-v6 { none; };
              recursion yes;
              allow-recursion { 127.0.0.1; };
              dnssec-validation no;
              notify no;
              response-policy { zone "{{Zone}}" min-update-interval 0; } qname-wait-recurse no;
            };
            controls { };
            zone "." { type primary; file "root.db"; };
            zone "{{Zone}}" { type primary; file "rpz.db"; update-policy { grant {{KeyName}} zonesub ANY; }; };
            zone "{{FrozenZone}}" { type primary; file "frozen.db"; };
            """);
        WriteZone(dir, "root.db", ".");
        WriteZone(dir, "rpz.db", Zone);
        WriteZone(dir, "frozen.db", FrozenZone);

        var start = new ProcessStartInfo(Named) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-g", "-n", "1", "-c", Path.Combine(dir, "named.conf") })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{Named} did not start");
        var server = new BindServer(folder, process, port, secret);
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                running.TrySetException(new InvalidOperationException($"named ended before it was running: {server.Log}"));
                return;
            }

            lock (server.log)
            {
                server.log.AppendLine(e.Data);
            }

            if (e.Data.EndsWith(" running", StringComparison.Ordinal))
            {
                running.TrySetResult();
            }
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            await running.Task.WaitAsync(StartLimit);
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return server;
    }

    /// <summary>The A records BIND answers a resolver's query (recursion desired) for <paramref name="name"/>: the policy applied.</summary>
    public async Task<IReadOnlyList<IPAddress>> ResolveAsync(string name)
    {
        using var client = new DnsClient([IPAddress.Loopback], [new UdpClientTransport(Port)], true, 5000);
        var answer = await client.ResolveAsync(DomainName.Parse(name), RecordType.A) ?? throw new InvalidOperationException($"BIND did not answer for {name}: {Log}");
        return answer.AnswerRecords.OfType<ARecord>().Select(r => r.Address).ToList();
    }

    /// <summary>
    /// Waits until BIND answers <paramref name="name"/> with <paramref name="address"/>: the policy zone's new
    /// version is loaded apart from the update's answer. Bounded: 400 queries.
    /// </summary>
    public async Task<IReadOnlyList<IPAddress>> ResolveOnceLoadedAsync(string name, IPAddress address)
    {
        IReadOnlyList<IPAddress> addresses = [];
        for (var attempt = 0; attempt < 400; attempt++)
        {
            addresses = await ResolveAsync(name);
            if (addresses.Contains(address))
            {
                break;
            }

            await Task.Delay(25);
        }

        return addresses;
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(10_000);
            }
        }
        finally
        {
            process.Dispose();
            folder.Dispose();
        }
    }

    private static void WriteZone(string dir, string file, string origin)
    {
        var ns = origin == "." ? "ns." : $"ns.{origin}";
        var mail = origin == "." ? "hostmaster." : $"hostmaster.{origin}";
        File.WriteAllText(Path.Combine(dir, file), $"$TTL 60\n@ IN SOA {ns} {mail} 1 3600 600 86400 60\n@ IN NS {ns}\n{ns} IN A 127.0.0.1\n");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
