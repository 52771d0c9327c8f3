using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cortex.Responders.Testing.Http;

/// <summary>
/// A real HTTP server on a free loopback port (Kestrel, from the ASP.NET Core shared framework) for a
/// worker's in-process tests: it records every request and answers with the scripted answers in order,
/// then with <see cref="Otherwise"/>. HTTPS with a test certificate too.
/// </summary>
/// <example>
/// <code>
/// await using var peer = await HttpPeer.StartAsync();
/// peer.Answer(HttpPeerAnswer.Json("{\"id\":42}", status: 201));
/// var result = await ResponderJob.RunAsync&lt;Webhook&gt;(Job(url: peer.Url("/hooks/notify")));
/// peer.Requests.Should().ContainSingle().Which.Headers["Authorization"].Should().Be("Bearer t0ken");
/// </code>
/// </example>
public sealed class HttpPeer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Lock gate = new();
    private readonly List<HttpPeerRequest> requests = [];
    private readonly List<(string? Path, HttpPeerAnswer Answer)> script = [];
    private readonly List<(int Count, TaskCompletionSource Reached)> waiters = [];

    private HttpPeer(WebApplication app) => this.app = app;

    /// <summary>The server's base address (<c>http://127.0.0.1:port/</c>, or <c>https://localhost:port/</c> with a certificate).</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The answer once the script is used up (default: 200 with <c>{}</c>).</summary>
    public HttpPeerAnswer Otherwise { get; set; } = HttpPeerAnswer.Json("{}");

    /// <summary>The requests received so far, in order.</summary>
    public IReadOnlyList<HttpPeerRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return requests.ToArray();
            }
        }
    }

    /// <summary>Starts a server on a free loopback port.</summary>
    /// <param name="certificate">A server certificate (with its private key) for HTTPS on <c>localhost</c>, or null for plain HTTP on 127.0.0.1.</param>
    /// <returns>The running server; dispose it to stop it.</returns>
    public static async Task<HttpPeer> StartAsync(X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        var peer = new HttpPeer(app);
        app.Run(peer.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        peer.Address = new Uri(certificate is null ? address : address.Replace("127.0.0.1", "localhost", StringComparison.Ordinal));
        return peer;
    }

    /// <summary>An absolute URL on this server.</summary>
    /// <param name="pathAndQuery">A path such as <c>/hooks/notify?x=1</c>.</param>
    /// <returns>The URL, as text for a job's config.</returns>
    public string Url(string pathAndQuery) => new Uri(Address, pathAndQuery).ToString();

    /// <summary>Scripts the answer to the next request that has no earlier scripted answer.</summary>
    /// <param name="answer">The answer.</param>
    /// <returns>This server.</returns>
    public HttpPeer Answer(HttpPeerAnswer answer) => Answer(null, answer);

    /// <summary>Scripts the answer to the next request for <paramref name="path"/>.</summary>
    /// <param name="path">The request path (<c>/oauth2/v2.0/token</c>), or null for any.</param>
    /// <param name="answer">The answer.</param>
    /// <returns>This server.</returns>
    public HttpPeer Answer(string? path, HttpPeerAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        lock (gate)
        {
            script.Add((path, answer));
        }

        return this;
    }

    /// <summary>Waits until <paramref name="count"/> requests have come, or fails after <paramref name="timeout"/>.</summary>
    /// <param name="count">How many requests.</param>
    /// <param name="timeout">The longest wait (a real failure only).</param>
    /// <returns>The requests received by then.</returns>
    /// <exception cref="TimeoutException">Fewer requests came in time.</exception>
    public async Task<IReadOnlyList<HttpPeerRequest>> WaitForRequestsAsync(int count, TimeSpan timeout)
    {
        TaskCompletionSource reached;
        lock (gate)
        {
            if (requests.Count >= count)
            {
                return requests.ToArray();
            }

            reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((count, reached));
        }

        try
        {
            await reached.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The HTTP peer received {Requests.Count} requests within {timeout.TotalSeconds} s, not {count}.");
        }

        return Requests;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        var headers = context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new HttpPeerRequest(context.Request.Method, context.Request.Path.Value ?? "/", context.Request.QueryString.Value ?? string.Empty, headers, body.ToArray());
        HttpPeerAnswer answer;
        lock (gate)
        {
            requests.Add(request);
            var index = script.FindIndex(entry => entry.Path is null || entry.Path == request.Path);
            if (index >= 0)
            {
                answer = script[index].Answer;
                script.RemoveAt(index);
            }
            else
            {
                answer = Otherwise;
            }

            foreach (var waiter in waiters.Where(waiter => requests.Count >= waiter.Count).ToArray())
            {
                waiter.Reached.TrySetResult();
                waiters.Remove(waiter);
            }
        }

        context.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (answer.ContentType is not null)
        {
            context.Response.ContentType = answer.ContentType;
        }

        if (answer.Body.Length > 0)
        {
            await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
