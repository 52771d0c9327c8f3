namespace Cortex.Responders.Jobs;

/// <summary>Where the single output document of a job goes: output/output.json or standard output.</summary>
internal interface IJobOutputTarget
{
    /// <summary>Says where the output goes, for messages.</summary>
    string Description { get; }

    /// <summary>Whether a provisional output written there can be replaced by the real one (a file can, a stream cannot).</summary>
    bool KeepsProvisional { get; }

    /// <summary>Writes the whole output at once: <paramref name="serialize"/> writes the document to the stream it is given.</summary>
    void Write(Action<Stream> serialize);
}
