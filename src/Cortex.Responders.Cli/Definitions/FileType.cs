namespace Cortex.Responders.Cli.Definitions;

/// <summary>What a path is on disk, read without opening it (opening a FIFO blocks until a writer comes).</summary>
internal enum FileType
{
    /// <summary>Nothing there, or it cannot be read.</summary>
    Missing,

    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A folder.</summary>
    Folder,

    /// <summary>A symbolic link (only when links are not followed).</summary>
    Link,

    /// <summary>A FIFO, socket or device: never a flavor, an input or a file of an image.</summary>
    Special,
}
