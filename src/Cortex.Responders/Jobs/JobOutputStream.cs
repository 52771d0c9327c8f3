namespace Cortex.Responders.Jobs;

/// <summary>Writes the output to standard output, for Cortex 2's stdin/stdout transport.</summary>
internal sealed class JobOutputStream(Stream stream) : IJobOutputTarget
{
    public string Description => "standard output";

    public bool KeepsProvisional => false;

    public void Write(Action<Stream> serialize)
    {
        // Whole or nothing: a half-written report on standard output would be "Invalid output".
        using var buffer = new MemoryStream();
        serialize(buffer);
        buffer.Position = 0;
        buffer.CopyTo(stream);
        stream.Flush();
    }
}
