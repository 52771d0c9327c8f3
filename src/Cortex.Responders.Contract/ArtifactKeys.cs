namespace Cortex.Responders;

/// <summary>
/// The keys of one artifact in an analyzer's report (<c>artifacts[]</c>), as Cortex 4.1 reads them to create the
/// observables TheHive may import: <c>dataType</c> and <c>data</c>, or for a file <c>file</c> (a file directly
/// inside <c>output/</c>) and <c>filename</c>; other fields (<c>tags</c>, <c>message</c>, <c>tlp</c>) are kept as given.
/// </summary>
public static class ArtifactKeys
{
    /// <summary><c>dataType</c>: the observable's type (<see cref="ObservableTypes"/>).</summary>
    public const string DataType = "dataType";

    /// <summary><c>data</c>: the observable's value, a string (not for files).</summary>
    public const string Data = "data";

    /// <summary><c>file</c>: for a file artifact, the name of the file in <c>output/</c>.</summary>
    public const string File = "file";

    /// <summary><c>filename</c>: for a file artifact, the name TheHive shows.</summary>
    public const string Filename = "filename";

    /// <summary><c>tags</c>: the observable's tags, an array of strings.</summary>
    public const string Tags = "tags";

    /// <summary><c>message</c>: the observable's description.</summary>
    public const string Message = "message";
}
