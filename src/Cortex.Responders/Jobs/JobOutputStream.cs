namespace Cortex.Responders.Jobs;

/// <summary>Writes the output to standard output, for Cortex 2's stdin/stdout transport.</summary>
internal sealed class JobOutputStream(Stream stream) : IJobOutputTarget
{
    public string Description => "standard output";

    public void Write(byte[] document)
    {
        stream.Write(document);
        stream.Flush();
    }
}
