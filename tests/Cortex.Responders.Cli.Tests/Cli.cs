namespace Cortex.Responders.Cli.Tests;

/// <summary>Runs cortex-responder in-process and keeps what it printed.</summary>
internal static class Cli
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CortexResponderCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
