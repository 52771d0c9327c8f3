using System.Text.Json;

namespace Cortex.Responders.Hosting;

/// <summary>
/// Follows the job input as it comes on standard input and tells when one whole JSON value has arrived, so
/// that the job can start although the writer keeps standard input open. It only follows the structure; the
/// job input reader still reads the value strictly.
/// </summary>
internal sealed class StandardInputValue
{
    /// <summary>How long more input may take to come once a whole value has arrived.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(300);

    /// <summary>A token longer than this is not followed (re-reading it each time would cost too much): the input is then read to its end.</summary>
    private const int MaxPending = 1024 * 1024;

    private JsonReaderState state = new(new JsonReaderOptions { MaxDepth = CortexJson.MaxDepth });
    private byte[] pending = [];
    private State current = State.Incomplete;
    private bool started;

    public enum State
    {
        /// <summary>More is needed for a whole value.</summary>
        Incomplete,

        /// <summary>A whole value has come (anything after it is the reader's to judge).</summary>
        Complete,

        /// <summary>What came is not JSON: waiting for more cannot mend it.</summary>
        Broken,

        /// <summary>No longer followed (a huge token): the input is read to its end.</summary>
        Untracked,
    }

    /// <summary>Follows <paramref name="bytes"/>, the next bytes of standard input.</summary>
    public State Feed(ReadOnlySpan<byte> bytes)
    {
        if (current != State.Incomplete)
        {
            return current;
        }

        if (!started)
        {
            // A byte order mark is the reader's to accept; it is not part of the value.
            if (pending.Length + bytes.Length < 3 && bytes.Length > 0 && "\uFEFF"u8.StartsWith([.. pending, .. bytes]))
            {
                pending = [.. pending, .. bytes];
                return current;
            }

            started = true;
            if (((ReadOnlySpan<byte>)[.. pending, .. bytes]).StartsWith("\uFEFF"u8))
            {
                bytes = ((ReadOnlySpan<byte>)[.. pending, .. bytes])[3..].ToArray();
                pending = [];
            }
        }

        byte[] data = [.. pending, .. bytes];
        var reader = new Utf8JsonReader(data, isFinalBlock: false, state);
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth == 0 && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray or JsonTokenType.PropertyName))
                {
                    return current = State.Complete;
                }
            }
        }
        catch (JsonException)
        {
            return current = State.Broken;
        }

        state = reader.CurrentState;
        pending = data[(int)reader.BytesConsumed..];
        if (pending.Length > MaxPending)
        {
            return current = State.Untracked;
        }

        return current;
    }
}
