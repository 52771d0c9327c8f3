using Cortex.Responders;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter.Kernels.Local;

/// <summary>
/// A kernel spec of the Cortex host (<c>kernels/&lt;name&gt;/kernel.json</c>), found in the Jupyter data folders in
/// jupyter_client's order: <c>$JUPYTER_PATH</c>, the user's (<c>$JUPYTER_DATA_DIR</c>, else
/// <c>$XDG_DATA_HOME/jupyter</c> or <c>~/.local/share/jupyter</c>), then <c>/usr/local/share/jupyter</c> and
/// <c>/usr/share/jupyter</c>. Names match without regard to case, as jupyter_client lowers them.
/// </summary>
/// <param name="Name">The kernel spec's name (its folder's).</param>
/// <param name="ResourceDirectory">The folder that holds kernel.json.</param>
/// <param name="Argv">The command that starts the kernel, with <c>{connection_file}</c> and <c>{resource_dir}</c> to replace.</param>
/// <param name="Environment">Variables the spec adds to the kernel's environment.</param>
internal sealed record KernelSpec(string Name, string ResourceDirectory, IReadOnlyList<string> Argv, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>The folders searched for kernels, in order.</summary>
    public static IReadOnlyList<string> SearchPaths()
    {
        var paths = new List<string>();
        if (System.Environment.GetEnvironmentVariable("JUPYTER_PATH") is { Length: > 0 } jupyterPath)
        {
            paths.AddRange(jupyterPath.Split(':', StringSplitOptions.RemoveEmptyEntries));
        }

        var home = System.Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } h ? h : System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        if (System.Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR") is { Length: > 0 } dataDir)
        {
            paths.Add(dataDir);
        }
        else if (System.Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg)
        {
            paths.Add(Path.Combine(xdg, "jupyter"));
        }
        else if (home.Length > 0)
        {
            paths.Add(Path.Combine(home, ".local", "share", "jupyter"));
        }

        paths.Add("/usr/local/share/jupyter");
        paths.Add("/usr/share/jupyter");
        return paths.Select(p => Path.Combine(p, "kernels")).Distinct().ToList();
    }

    /// <summary>The kernel spec <paramref name="name"/>.</summary>
    /// <exception cref="JupyterException">No folder holds it, or its kernel.json cannot be used.</exception>
    public static KernelSpec Find(string name)
    {
        var paths = SearchPaths();
        foreach (var kernels in paths)
        {
            string[] folders;
            try
            {
                folders = Directory.Exists(kernels) ? Directory.GetDirectories(kernels) : [];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            var folder = folders.FirstOrDefault(f => string.Equals(Path.GetFileName(f), name, StringComparison.OrdinalIgnoreCase) && File.Exists(Path.Combine(f, "kernel.json")));
            if (folder is not null)
            {
                return Read(name, folder);
            }
        }

        throw new JupyterException(
            $"No such kernel named {name} on the Cortex host (searched {string.Join(", ", paths)}): install ipykernel for the user Cortex runs as " +
            $"(as that user: ipython kernel install --name \"{name}\" --user, with a home folder it owns), or set input_handler_http_execute_remotely "
                + "to true to run the notebooks on the Jupyter server");
    }

    private static KernelSpec Read(string name, string folder)
    {
        var file = Path.Combine(folder, "kernel.json");
        JObject? json;
        try
        {
            using var reader = new JsonTextReader(new StringReader(File.ReadAllText(file))) { DateParseHandling = DateParseHandling.None };
            json = JToken.ReadFrom(reader) as JObject;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonReaderException)
        {
            throw new JupyterException($"the kernel spec {file} cannot be read: {OneLine.Of(e.Message)}; reinstall the kernel ({name}) for the user Cortex runs as");
        }

        if (json?["argv"] is not JArray argv || argv.Count == 0 || argv.Any(a => a.Type != JTokenType.String || ((string)a!).Length == 0))
        {
            throw new JupyterException($"the kernel spec {file} has no \"argv\" (a list of strings, the command that starts the kernel); reinstall the kernel ({name})");
        }

        var environment = new Dictionary<string, string>();
        if (json["env"] is JObject env)
        {
            foreach (var property in env.Properties().Where(p => p.Value.Type == JTokenType.String))
            {
                environment[property.Name] = (string)property.Value!;
            }
        }

        return new KernelSpec(Path.GetFileName(folder), folder, argv.Select(a => (string)a!).ToList(), environment);
    }
}
