using System.Diagnostics;
using Cortex.Responders.Cli.Running;
using Newtonsoft.Json.Linq;

// RunnerBench <root> <command> <job input.json> <jobs> <concurrency>…: runs the jobs through the CLI's runner
// (Cortex's process runner: fresh job folder, <command> <jobFolder> from the root, report judged) and prints
// one JSON line per concurrency: {"concurrency", "jobs", "seconds", "jobsPerSecond", "failures", "firstProblem"}.
if (args.Length < 5)
{
    Console.Error.WriteLine("usage: RunnerBench <root> <command> <input.json> <jobs> <concurrency>...");
    return 2;
}

var (root, command, jobs) = (args[0], args[1], int.Parse(args[3]));
var input = JObject.Parse(File.ReadAllText(args[2]));
var runner = new ProcessJobRunner();
var executable = Path.GetFullPath(Path.Combine(root, command));
var dataType = (string)input["dataType"]!;
var timeout = TimeSpan.FromSeconds(60);

// One job as `cortex-responder run` makes it: a fresh job folder, the process as Cortex runs it, the report judged.
async Task<RunResult> RunOneAsync(CancellationToken cancellationToken)
{
    var folder = await PreparedJobFolder.CreateAsync(input, caCertificates: null, cancellationToken: cancellationToken);
    try
    {
        return ReportJudge.Judge(await runner.RunAsync(executable, folder.Path, timeout, cancellationToken), dataType, timeout);
    }
    finally
    {
        folder.TryDelete(out _);
    }
}

// One warm-up job: the JIT compiles the runner once, outside the measured runs.
await RunOneAsync(CancellationToken.None);
foreach (var concurrency in args[4..].Select(int.Parse))
{
    var failures = 0;
    string? firstProblem = null;
    var next = 0;
    var stopwatch = Stopwatch.StartNew();
    using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(5));
    var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
    {
        while (Interlocked.Increment(ref next) <= jobs)
        {
            var result = await RunOneAsync(bound.Token);
            if (result.ExitStatus != 0)
            {
                Interlocked.Increment(ref failures);
                Interlocked.CompareExchange(ref firstProblem, $"{result.Verdict}: {string.Join("; ", result.Problems)}", null);
            }
        }
    }));
    await Task.WhenAll(workers);
    var seconds = stopwatch.Elapsed.TotalSeconds;
    Console.WriteLine(new JObject
    {
        ["concurrency"] = concurrency,
        ["jobs"] = jobs,
        ["seconds"] = Math.Round(seconds, 3),
        ["jobsPerSecond"] = Math.Round(jobs / seconds, 1),
        ["failures"] = failures,
        ["firstProblem"] = firstProblem,
    }.ToString(Newtonsoft.Json.Formatting.None));
}

return 0;
