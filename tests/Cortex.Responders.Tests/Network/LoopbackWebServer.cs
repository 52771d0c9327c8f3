using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cortex.Responders.Tests.Network;

/// <summary>
/// A Kestrel server on a free loopback port that answers every request with
/// "&lt;method&gt; &lt;host&gt;&lt;path&gt;", so a test sees where a request really went (directly, or through it as a proxy).
/// </summary>
internal sealed class LoopbackWebServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Func<int> requests;

    private LoopbackWebServer(WebApplication app, Uri address, Func<int> requests)
    {
        this.app = app;
        Address = address;
        this.requests = requests;
    }

    public Uri Address { get; }

    /// <summary>How many requests reached the server.</summary>
    public int Requests => requests();

    public static async Task<LoopbackWebServer> StartAsync(X509Certificate2? certificate = null, TimeSpan? delay = null)
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
        var count = 0;
        app.Run(async context =>
        {
            Interlocked.Increment(ref count);
            if (delay is { } wait)
            {
                await Task.Delay(wait, context.RequestAborted);
            }

            await context.Response.WriteAsync($"{context.Request.Method} {context.Request.Host}{context.Request.Path}");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LoopbackWebServer(app, new Uri(address.Replace("127.0.0.1", certificate is null ? "127.0.0.1" : "localhost")), () => Volatile.Read(ref count));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
