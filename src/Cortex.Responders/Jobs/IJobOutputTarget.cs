namespace Cortex.Responders.Jobs;

/// <summary>Where the single output document of a job goes: output/output.json or standard output.</summary>
internal interface IJobOutputTarget
{
    /// <summary>Says where the output goes, for messages.</summary>
    string Description { get; }

    /// <summary>Writes the whole serialized output at once.</summary>
    void Write(byte[] document);
}
