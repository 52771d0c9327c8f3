namespace Cortex.Responders;

/// <summary>
/// The file a job on a <c>file</c> observable analyses: Cortex writes it into the job's <c>input/</c> folder
/// and names it in the input (<c>file</c>), beside the name it had in TheHive (<c>filename</c>) and its
/// content type (<c>contentType</c>). Get it with <see cref="Analyzer.GetInputFile"/>.
/// </summary>
public sealed class InputFile
{
    internal InputFile(string path, string fileName, string contentType)
    {
        Path = path;
        FileName = fileName;
        ContentType = contentType;
    }

    /// <summary>The full path of the file in the job's <c>input/</c> folder.</summary>
    public string Path { get; }

    /// <summary>The file's name in TheHive (the input's <c>filename</c>): a name to show, never a path to open.</summary>
    public string FileName { get; }

    /// <summary>The content type Cortex gave (<c>contentType</c>), or <c>application/octet-stream</c> when it gave none.</summary>
    public string ContentType { get; }

    /// <summary>The file's size in bytes.</summary>
    public long Length => new FileInfo(Path).Length;

    /// <summary>Opens the file for reading; dispose the stream when done.</summary>
    /// <returns>A read-only stream.</returns>
    public Stream OpenRead() => new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024, FileOptions.SequentialScan);
}
