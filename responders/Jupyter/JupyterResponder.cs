using System.Globalization;
using Cortex.Responders;
using Cortex.Workers.Responders.Jupyter.Runs;
using Cortex.Workers.Responders.Jupyter.Servers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter;

/// <summary>
/// A port of Cortex-Analyzers' Jupyter_Run_Notebook_Responder. For each notebook of <c>input_paths</c>: read it
/// from a Jupyter server (or JupyterHub) or a local folder, inject the TheHive object as papermill parameters,
/// run it on a kernel of the Jupyter server over its websocket, save it executed under <c>output_folder</c>,
/// and hand TheHive the operations its <c>operations</c> cells print. The first notebook that fails ends the
/// job with that notebook's error (it is saved with the error in it).
/// </summary>
public sealed class JupyterResponder : Responder
{
    /// <summary>The Hub's spawn and progress stream take longer than a REST call.</summary>
    private static readonly TimeSpan HubTimeout = TimeSpan.FromSeconds(120);

    private readonly List<JObject> operations = [];

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        var settings = ReadSettings();
        var objectName = ObjectName.Of(DataType, GetData());
        if (objectName is null)
        {
            Error($"the {DataType} object has no id, which names the executed notebooks: TheHive always sends one");
        }

        var parameters = ReadParameters();

        using var http = CreateHttpClient();
        using var hubHttp = CreateHttpClient(HubTimeout);
        var results = new List<NotebookResult>();
        try
        {
            var places = await NotebookPlaces.OpenAsync(settings, http, hubHttp, Logger, cancellationToken);
            await places.Output.PrepareFolderAsync(settings.OutputFolder, cancellationToken);
            var runner = new NotebookRunner(places, parameters, settings.OutputFolder, objectName, DataType, settings.CellTimeout);
            foreach (var path in settings.InputPaths)
            {
                var result = await runner.RunAsync(path, cancellationToken);
                results.Add(result);
                Logger.LogInformation("{Notebook}: {Status}, saved as {Output}", path, result.Error ?? "completed", result.Output);
                if (!result.Completed)
                {
                    Error(Failure(settings, results));
                }
            }
        }
        catch (JupyterException e)
        {
            Error(results.Count == 0 ? e.Message : $"{e.Message} ({Done(results)})");
        }

        operations.AddRange(results.SelectMany(r => r.Operations));
        Report(new JObject { ["notebooks"] = new JArray(results.Select(r => r.ToJson())) });
    }

    protected override IEnumerable<Operation> Operations(JObject full) =>
        operations.Select(o => BuildOperation((string)o["type"]!, o));

    private static string Failure(JupyterSettings settings, List<NotebookResult> results)
    {
        var failed = results[^1];
        var notRun = settings.InputPaths.Count - results.Count;
        var rest = results.Count > 1 || notRun > 0
            ? $"; {Done(results.Take(results.Count - 1).ToList())}{(notRun > 0 ? $", {notRun} not run" : string.Empty)}"
            : string.Empty;
        return $"notebook {failed.Input} failed: {failed.Error}; the executed notebook is saved as {failed.Output}{rest}";
    }

    private static string Done(List<NotebookResult> results) => results.Count switch
    {
        0 => "no notebook completed before it",
        1 => $"{results.First().Input} completed before it",
        _ => $"{string.Join(", ", results.Select(r => r.Input))} completed before it",
    };

    private JupyterSettings ReadSettings()
    {
        foreach (var item in JupyterOptions.ScalarKeys)
        {
            if (GetParam("config." + item) is JContainer container)
            {
                throw Fail($"config.{item} must be a single value, but it is {(container is JArray ? "a list" : "an object")}");
            }
        }

        if (GetParam("config." + JupyterOptions.InputPathsKey) is { } paths
            && (paths is not JArray list || list.Any(p => p.Type is not (JTokenType.String or JTokenType.Null))))
        {
            throw Fail("config.input_paths must be a list of notebook paths (paths under input_hostname)");
        }

        var options = Configuration.Get<JupyterOptions>() ?? new JupyterOptions();
        var inputPaths = options.InputPaths;
        if (inputPaths.Count == 0 || inputPaths.Any(string.IsNullOrWhiteSpace))
        {
            Error("input_paths is empty or holds an empty path: list the notebooks to run (paths under input_hostname)");
        }

        var pattern = Blank(options.OutputFolder)
            ?? throw Fail("output_folder is missing: name the folder for the executed notebooks (\"/\" for the root)");
        string outputFolder;
        try
        {
            outputFolder = OutputFolder.Format(pattern, DateTime.Now);
        }
        catch (FormatException e)
        {
            throw Fail(e.Message);
        }

        if (outputFolder.Split('/').Any(segment => segment == ".."))
        {
            Error($"output_folder \"{pattern}\" leaves the output location (..): name a folder under output_hostname");
        }

        var seconds = JupyterSettings.DefaultCellTimeout.TotalSeconds;
        if (Blank(options.ExecutionTimeout) is { } timeout
            && !(double.TryParse(timeout, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && seconds > 0))
        {
            throw Fail($"execution_timeout must be a number of seconds above 0, not {OneLine.Of(timeout)}");
        }

        return new JupyterSettings(
            ReadSide(ServerSettingNames.Input, options.InputHostname, options.InputToken, options.InputIsJupyterHub),
            ReadSide(ServerSettingNames.Output, options.OutputHostname, options.OutputToken, options.OutputIsJupyterHub),
            inputPaths.Select(p => p.Trim()).ToList(),
            outputFolder,
            Blank(options.HubUser),
            TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.FromDays(1).TotalSeconds)),
            Flag(JupyterOptions.ExecuteRemotelyKey, options.ExecuteRemotely, false));
    }

    private NotebookSide ReadSide(ServerSettingNames names, string? hostname, string? token, string? isJupyterHub) => new(
        Blank(hostname) ?? throw Fail($"{names.Hostname} is missing: give the Jupyter server's URL or a local folder"),
        Blank(token),
        Flag(names.IsJupyterHub, isJupyterHub, true),
        names);

    private bool Flag(string item, string? text, bool defaultValue) => Blank(text) switch
    {
        null => defaultValue,
        var value when bool.TryParse(value, out var flag) => flag,
        _ => throw Fail($"{item} must be true or false"),
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The four parameters the original injects, in its order.</summary>
    private List<KeyValuePair<string, JToken>> ReadParameters()
    {
        var parameters = GetParam("parameters") as JObject;
        if (parameters is null)
        {
            Error("Parameters are missing: TheHive sends parameters.organisation and parameters.user with every job");
        }

        string Text(string name)
        {
            var value = parameters[name];
            if (value is null || value.Type == JTokenType.Null)
            {
                Error($"parameters.{name} is missing: TheHive sends it with every job");
            }

            return value.Type == JTokenType.String ? (string)value! : value.ToString();
        }

        return
        [
            new("thehive_organisation", Text("organisation")),
            new("thehive_user", Text("user")),
            new("thehive_input_type", DataType),
            new("thehive_input_value", GetData()),
        ];
    }
}
