using System.Reflection;
using Cortex.Responders.TestSupport;

namespace Cortex.Responders.Tests;

/// <summary>
/// This test assembly started as a responder process, for the tests that need a real one (signals, standard output,
/// exit codes). The test starts the assembly's executable with the full name of a responder class declared next to
/// it, then the command line Cortex gives; <see cref="Main"/> runs that class through <see cref="ResponderHost"/> as a
/// responder's own one-line Main would. Under the test runner the assembly is loaded, not run, so Main is reached
/// only from here.
/// </summary>
internal static class ResponderProcess
{
    /// <summary>The executable of this assembly (framework-dependent apphost), in its build output.</summary>
    private static readonly string Command = typeof(ResponderProcess).Assembly.GetName().Name!;

    /// <summary>Runs <typeparamref name="TResponder"/> in its own process on <paramref name="job"/>'s folder; the rest as <see cref="CortexJob.RunAsync"/>.</summary>
    public static Task<CortexRun> RunAsync<TResponder>(
        CortexJob job,
        TimeSpan? timeout = null,
        byte[]? standardInput = null,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? standardInputDelay = null)
        where TResponder : Responder, new() =>
        RunAsync(typeof(TResponder), job, timeout, standardInput, environment, standardInputDelay);

    /// <summary>As <see cref="RunAsync{TResponder}"/>, for a responder class a test case names.</summary>
    public static Task<CortexRun> RunAsync(
        Type responder,
        CortexJob job,
        TimeSpan? timeout = null,
        byte[]? standardInput = null,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? standardInputDelay = null)
    {
        if (!responder.IsSubclassOf(typeof(Responder)))
        {
            throw new ArgumentException($"{responder} is not a responder", nameof(responder));
        }

        return job.RunAsync(AppContext.BaseDirectory, Command, timeout, standardInput, [responder.FullName!, job.Directory], environment, standardInputDelay);
    }

    public static async Task<int> Main(string[] args)
    {
        var type = args.Length > 0 ? typeof(ResponderProcess).Assembly.GetType(args[0]) : null;
        if (type is null || !type.IsSubclassOf(typeof(Responder)))
        {
            await Console.Error.WriteLineAsync($"usage: {Command} <full name of a responder class of this assembly> <job folder>");
            return 2;
        }

        var run = typeof(ResponderHost).GetMethod(nameof(ResponderHost.RunAsync), BindingFlags.Public | BindingFlags.Static, [typeof(string[])])!.MakeGenericMethod(type);
        return await (Task<int>)run.Invoke(null, [args[1..]])!;
    }
}
