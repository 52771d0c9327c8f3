using Cortex.Responders.Testing;
using Cortex.Responders.Tests.Network;
using FluentAssertions;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Tests;

/// <summary>Once a job has ended with an error, the worker's code cannot act any more, even behind a catch-all.</summary>
[TestFixture]
public sealed class StoppingTests
{
    [Test]
    public async Task ACatchAllCannotSwallowTheStop()
    {
        await using var server = await LoopbackWebServer.StartAsync();

        var result = await ResponderJob.RunAsync<CarelessResponder>(TestJob.Input(new JObject { ["url"] = server.Address.ToString() }));

        result.Success.Should().BeFalse(result.OutputText);
        result.ExitCode.Should().Be(1);
        result.ErrorMessage.Should().Be("Set api_key in the responder's configuration");
        server.Requests.Should().Be(0, "no request may leave once the job has failed");
        result.Log.Should().Contain("caught JobStoppedException", "the catch-all saw the stop");
        result.Log.Should().NotContain("after the error:");
    }

    [Test]
    public async Task TheAuthorsFilterLetsTheStopThrough()
    {
        var result = await ResponderJob.RunAsync<FilteringResponder>(TestJob.Input(new JObject()));

        result.Success.Should().BeFalse();
        result.ExitCode.Should().Be(1);
        result.ErrorMessage.Should().Be("Set api_key in the responder's configuration");
        result.Log.Should().NotContain("handled:");
    }

    [Test]
    public async Task TheJobsTokenFiresOnError()
    {
        var result = await ResponderJob.RunAsync<WaitingResponder>(TestJob.Input(new JObject()));

        result.ErrorMessage.Should().Be("stopping here");
        result.Log.Should().Contain("the token fired");
    }

    /// <summary>Swallows everything, then tries to act in every way it can.</summary>
    private sealed class CarelessResponder : Responder
    {
        protected override async Task RunAsync(CancellationToken cancellationToken)
        {
            var url = GetParam<string>("config.url")!;
            using var early = CreateHttpClient();
            try
            {
                GetParam<string>("config.api_key", message: "Set api_key in the responder's configuration");
            }
            catch (Exception e)
            {
                Logger.LogWarning("caught {Type}", e.GetType().Name);
            }

            await Attempt("a request with a client made before the error", () => early.GetStringAsync(url, cancellationToken));
            await Attempt("a request with a client made after it", async () =>
            {
                using var late = CreateHttpClient();
                return await late.GetStringAsync(url, CancellationToken.None);
            });
            await Attempt("a report", () =>
            {
                Report(new JObject { ["sent"] = true });
                return Task.FromResult(string.Empty);
            });
            await Attempt("reading a parameter", () => Task.FromResult(GetParam<string>("config.url")!));
        }

        private async Task Attempt(string what, Func<Task<string>> action)
        {
            try
            {
                await action();
                Logger.LogWarning("after the error: {What} went through", what);
            }
            catch (Exception)
            {
                // Careless: everything is swallowed.
            }
        }
    }

    /// <summary>Writes the filter the README shows.</summary>
    private sealed class FilteringResponder : Responder
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            try
            {
                GetParam<string>("config.api_key", message: "Set api_key in the responder's configuration");
            }
            catch (Exception e) when (e is not JobStoppedException)
            {
                Logger.LogWarning("handled: {Message}", e.Message);
            }

            Report(new JObject { ["unreachable"] = true });
            return Task.CompletedTask;
        }
    }

    /// <summary>Swallows the stop, then waits on its token.</summary>
    private sealed class WaitingResponder : Responder
    {
        protected override async Task RunAsync(CancellationToken cancellationToken)
        {
            try
            {
                Error("stopping here");
            }
            catch (JobStoppedException)
            {
                // Waits for the token: it must fire.
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Logger.LogInformation("the token fired");
            }
        }
    }
}
