using System.Reflection;
using Cortex.Responders.Jobs;

namespace Cortex.Responders.Hosting;

/// <summary>The command line of a published worker: the job folder, <c>--help</c>, <c>--version</c>.</summary>
internal static class HostCommandLine
{
    /// <summary>
    /// Reads the command line by hand: Cortex only ever passes the job folder, and a parser library would
    /// cost every job its start-up for the sake of <c>--help</c> and <c>--version</c>.
    /// </summary>
    /// <returns>The exit code when the command line was all there is to do, or null to run the job.</returns>
    public static int? Parse(string[] args, Type responder, TextWriter standardError, out string jobDirectory)
    {
        jobDirectory = JobFolder.Resolve([], Environment.GetEnvironmentVariable);
        var folderAt = 0;
        switch (args is [] ? null : args[0])
        {
            case null:
                return null;
            case "--help" or "-h" or "-?":
                Console.Out.Write(Usage(responder));
                return 0;
            case "--version":
                Console.Out.WriteLine(Version(responder));
                return 0;
            case "--":
                // A job folder whose name starts with a dash.
                folderAt = 1;
                break;
            case ['-', _, ..] option:
                standardError.WriteLine($"Unrecognized option '{option}'.");
                standardError.WriteLine();
                standardError.Write(Usage(responder));
                return 2;
        }

        // Like cortexutils, the first argument is the job folder and any other is ignored.
        if (args.Length > folderAt)
        {
            jobDirectory = args[folderAt];
        }

        if (args.Length > folderAt + 1)
        {
            standardError.WriteLine($"warning: arguments after the job folder are ignored: {string.Join(' ', args[(folderAt + 1)..])}");
        }

        return null;
    }

    private static string Usage(Type responder) => $"""
        {responder.Name}: a Cortex {(responder.IsSubclassOf(typeof(Analyzer)) ? "analyzer" : "responder")}. Cortex runs it as <command> <jobFolder>.

        Usage:
          {Path.GetFileName(Environment.ProcessPath) ?? responder.Name} [<jobFolder>] [options]

        Arguments:
          <jobFolder>  The job folder Cortex prepared: input/input.json is read, output/output.json written.
                       Default: ${JobFolder.FolderVariable}, else {JobFolder.DefaultPath}. Without input/input.json, the job is
                       read from standard input and the report written to standard output (Cortex 2).

        Options:
          -?, -h, --help  Show this help.
          --version       Show the version.

        Exit codes: 0 after a report, 1 after an error (the output says why), 2 for a bad command line.

        """;

    private static string Version(Type responder)
    {
        var assembly = responder.Assembly;
        return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString(3)
            ?? "0.0.0";
    }
}
