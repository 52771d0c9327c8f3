using Cortex.Responders;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter.Storage;

/// <summary>Notebooks in a folder of the Cortex host (papermill's local paths); paths are relative to it.</summary>
internal sealed class LocalNotebookStore(string root, string hostnameSetting) : INotebookStore
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public async Task<JObject> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var file = FullPath(path);
        string text;
        try
        {
            text = await File.ReadAllTextAsync(file, Utf8NoBom, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new JupyterException($"notebook {file} not found ({hostnameSetting} is the local folder {root}; input_paths are relative to it)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new JupyterException($"cannot read the notebook {file}: {e.Message}");
        }

        try
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
            return JToken.ReadFrom(reader) as JObject ?? throw new JupyterException($"{file} is not a notebook (no JSON object)");
        }
        catch (JsonReaderException e)
        {
            throw new JupyterException($"{file} is not a notebook: invalid JSON at line {e.LineNumber}, column {e.LinePosition}");
        }
    }

    public Task PrepareFolderAsync(string folder, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(FullPath(folder));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new JupyterException($"cannot create the output folder {FullPath(folder)}: {e.Message} (check {hostnameSetting} and output_folder)");
        }

        return Task.CompletedTask;
    }

    public async Task<string> SaveAsync(string path, JObject notebook, CancellationToken cancellationToken)
    {
        var file = FullPath(path);
        var temporary = file + ".tmp-" + Environment.ProcessId;
        try
        {
            // Jupyter's own layout (one-space indent), written aside then renamed: never a half notebook.
            await using (var stream = new StreamWriter(temporary, append: false, Utf8NoBom))
            {
                using var writer = new JsonTextWriter(stream) { Formatting = Formatting.Indented, Indentation = 1 };
                notebook.WriteTo(writer);
                await stream.WriteAsync("\n");
            }

            File.Move(temporary, file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Nothing was written, or it cannot be removed either: the message below says why.
            }

            throw new JupyterException($"cannot save the notebook {file}: {e.Message}");
        }

        return file;
    }

    private string FullPath(string path) => Path.GetFullPath(Path.Join(root, path.TrimStart('/')));
}
