using Cortex.Responders;
using System.Security.Cryptography;
using System.Text;
using NetMQ;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter.Kernels.Local;

/// <summary>
/// The Jupyter messaging protocol's wire form over ZeroMQ: routing frames, the <c>&lt;IDS|MSG&gt;</c> delimiter,
/// the HMAC-SHA256 signature (hex) of the four JSON parts that follow, then header, parent header, metadata and
/// content (and buffers, which a notebook run does not use).
/// </summary>
internal sealed class WireMessage(string key)
{
    private const string Delimiter = "<IDS|MSG>";

    /// <summary>The message's parts in the order the protocol signs and sends them.</summary>
    private static readonly string[] SignedParts = ["header", "parent_header", "metadata", "content"];

    private static readonly byte[] DelimiterBytes = Encoding.ASCII.GetBytes(Delimiter);

    private readonly byte[] key = Encoding.UTF8.GetBytes(key);

    /// <summary>The frames of <paramref name="message"/> (the protocol's JSON form), signed.</summary>
    public NetMQMessage Encode(JObject message)
    {
        var parts = SignedParts
            .Select(name => Encoding.UTF8.GetBytes((message[name] ?? new JObject()).ToString(Formatting.None)))
            .ToArray();
        var frames = new NetMQMessage();
        frames.Append(DelimiterBytes);
        frames.Append(Encoding.ASCII.GetBytes(Sign(parts)));
        foreach (var part in parts)
        {
            frames.Append(part);
        }

        return frames;
    }

    /// <summary>The protocol's JSON form of <paramref name="frames"/> received on <paramref name="channel"/>, or null when it is not a valid, correctly signed message.</summary>
    public JObject? Decode(NetMQMessage frames, string channel)
    {
        var delimiter = -1;
        for (var i = 0; i < frames.FrameCount; i++)
        {
            if (frames[i].Buffer.AsSpan(0, frames[i].MessageSize).SequenceEqual(DelimiterBytes))
            {
                delimiter = i;
                break;
            }
        }

        if (delimiter < 0 || frames.FrameCount < delimiter + 6)
        {
            return null;
        }

        var parts = Enumerable.Range(delimiter + 2, 4).Select(i => frames[i].ToByteArray()).ToArray();
        var expected = Encoding.ASCII.GetBytes(Sign(parts));
        if (!CryptographicOperations.FixedTimeEquals(expected, frames[delimiter + 1].ToByteArray()))
        {
            return null;
        }

        try
        {
            var message = new JObject
            {
                ["header"] = Parse(parts[0]),
                ["parent_header"] = Parse(parts[1]),
                ["metadata"] = Parse(parts[2]),
                ["content"] = Parse(parts[3]),
                ["channel"] = channel,
            };
            message["msg_type"] = message["header"]?["msg_type"];
            return message;
        }
        catch (JsonReaderException)
        {
            return null;
        }
    }

    private static JToken Parse(byte[] json)
    {
        using var reader = new JsonTextReader(new StreamReader(new MemoryStream(json), Encoding.UTF8)) { DateParseHandling = DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }

    private string Sign(byte[][] parts)
    {
        using var hmac = new HMACSHA256(key);
        foreach (var part in parts)
        {
            hmac.TransformBlock(part, 0, part.Length, null, 0);
        }

        hmac.TransformFinalBlock([], 0, 0);
        return Convert.ToHexString(hmac.Hash!).ToLowerInvariant();
    }
}
