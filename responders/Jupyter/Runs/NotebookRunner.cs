using Cortex.Responders;
using System.Diagnostics;
using System.Globalization;
using Cortex.Workers.Responders.Jupyter.Kernels;
using Cortex.Workers.Responders.Jupyter.Notebooks;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter.Runs;

/// <summary>
/// One notebook of the job, end to end: read it, inject the TheHive parameters, run it on a fresh kernel
/// (always shut down afterwards), save it executed, even when it failed, and collect its operations.
/// </summary>
internal sealed class NotebookRunner(
    NotebookPlaces places,
    IReadOnlyList<KeyValuePair<string, JToken>> parameters,
    string outputFolder,
    string objectName,
    string dataType,
    TimeSpan cellLimit)
{
    /// <summary>Runs the notebook at <paramref name="path"/>; a failure of the notebook itself is in the result, a failure of the servers throws.</summary>
    /// <exception cref="JupyterException">The notebook could not be read, run or saved.</exception>
    public async Task<NotebookResult> RunAsync(string path, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        var notebook = await places.Input.ReadAsync(path, cancellationToken);
        if (Notebook.Problem(notebook) is { } problem)
        {
            throw new JupyterException($"{path} cannot be run: {problem}");
        }

        NotebookParameters.Inject(notebook, parameters);
        var outputPath = string.IsNullOrEmpty(outputFolder) ? OutputName(path) : $"{outputFolder}/{OutputName(path)}";

        ExecutionOutcome outcome;
        try
        {
            outcome = await ExecuteAsync(notebook, cancellationToken);
        }
        catch (Exception e) when (e is KernelException or TimeoutException)
        {
            // The kernel died or never answered: keep what ran, then say so.
            var saved = await TrySaveAsync(path, outputPath, notebook, started, clock, cancellationToken);
            throw new JupyterException($"notebook {path}: {e.Message}{saved}", e);
        }

        if (!outcome.Succeeded)
        {
            ErrorMarkers.Insert(notebook, outcome.FailedCellIndex!.Value, outcome.FailedExecutionCount);
        }

        var output = await SaveAsync(path, outputPath, notebook, started, clock, !outcome.Succeeded, cancellationToken);
        if (!outcome.Succeeded)
        {
            var cell = outcome.FailedExecutionCount is { } count ? $"cell {outcome.FailedCellIndex + 1} (In [{count}])" : $"cell {outcome.FailedCellIndex + 1}";
            var error = Jupyter.OneLine.Of(outcome.Error!.ToString());
            return new NotebookResult(path, output, $"{cell} raised {error}", outcome.ExecutedCells, clock.Elapsed, []);
        }

        var operations = NotebookOperations.Collect(notebook, path, dataType);
        return new NotebookResult(path, output, null, outcome.ExecutedCells, clock.Elapsed, operations);
    }

    private async Task<ExecutionOutcome> ExecuteAsync(JObject notebook, CancellationToken cancellationToken)
    {
        // Disposing the kernel shuts it down, on every path (an error, a timeout, the job being stopped).
        await using var kernel = await places.Kernels.StartAsync(Notebook.KernelName(notebook), cancellationToken);
        return await NotebookExecution.RunAsync(notebook, kernel.Session, cellLimit, cancellationToken);
    }

    /// <summary>The executed notebook's file name: the TheHive object's name, then the notebook's path (its folders joined by "-").</summary>
    private string OutputName(string path) => $"{objectName}-{string.Join('-', path.Split('/', StringSplitOptions.RemoveEmptyEntries))}";

    private async Task<string> SaveAsync(
        string inputPath, string outputPath, JObject notebook, DateTimeOffset started, Stopwatch clock, bool failed, CancellationToken cancellationToken)
    {
        var end = DateTimeOffset.UtcNow;
        if (notebook["metadata"] is not JObject metadata)
        {
            notebook["metadata"] = metadata = [];
        }

        // Papermill's record of the run, which tools reading executed notebooks look for.
        metadata["papermill"] = new JObject
        {
            ["input_path"] = inputPath,
            ["output_path"] = outputPath,
            ["start_time"] = started.ToString("O", CultureInfo.InvariantCulture),
            ["end_time"] = end.ToString("O", CultureInfo.InvariantCulture),
            ["duration"] = Math.Round(clock.Elapsed.TotalSeconds, 3),
            ["exception"] = failed,
        };
        return await places.Output.SaveAsync(outputPath, notebook, cancellationToken);
    }

    private async Task<string> TrySaveAsync(string inputPath, string outputPath, JObject notebook, DateTimeOffset started, Stopwatch clock, CancellationToken cancellationToken)
    {
        try
        {
            return $" (saved as {await SaveAsync(inputPath, outputPath, notebook, started, clock, failed: true, cancellationToken)})";
        }
        catch (JupyterException e)
        {
            return $" (and it could not be saved: {e.Message})";
        }
    }
}
