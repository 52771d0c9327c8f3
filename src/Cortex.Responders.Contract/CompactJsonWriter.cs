using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders;

/// <summary>
/// Writes a JSON tree exactly as Newtonsoft's <see cref="JsonTextWriter"/> writes it compact with the default
/// escaping (<c>"</c>, <c>\</c>, control characters, U+0085, U+2028 and U+2029; <c>\uXXXX</c> in lower case),
/// without touching <see cref="JsonWriter"/>'s static state, whose construction (a state table built by
/// reflection) was a sixth of a job's instructions. Values other than strings, booleans, nulls and whole
/// numbers (floats, dates, GUIDs, bytes…) are handed to a <see cref="JsonTextWriter"/>, so they are written as
/// before too. A test compares both writers on every fixture and every character.
/// </summary>
internal sealed class CompactJsonWriter(TextWriter text)
{
    private const string Hex = "0123456789abcdef";

    private JsonTextWriter? other;

    /// <summary>Writes <paramref name="root"/> (checked by <see cref="CortexJson.FirstNonJson"/> already) without recursion.</summary>
    public void Write(JToken root)
    {
        var pending = new Stack<(JToken Token, bool Closing, bool Comma)>();
        pending.Push((root, false, false));
        while (pending.TryPop(out var entry))
        {
            var (token, closing, comma) = entry;
            if (comma)
            {
                text.Write(',');
            }

            switch (token)
            {
                case JObject when closing:
                    text.Write('}');
                    break;
                case JArray when closing:
                    text.Write(']');
                    break;
                case JContainer container and (JObject or JArray):
                    text.Write(container is JObject ? '{' : '[');
                    pending.Push((container, true, false));
                    for (var child = container.Last; child is not null; child = child == container.First ? null : child.Previous)
                    {
                        pending.Push((child, false, child != container.First));
                    }

                    break;
                case JProperty property:
                    WriteString(property.Name);
                    text.Write(':');
                    pending.Push((property.Value, false, false));
                    break;
                case JValue value:
                    WriteValue(value);
                    break;
                default:
                    throw new ArgumentException($"a {token.Type.ToString().ToLowerInvariant()} value at \"{token.Path}\" cannot be written as JSON", nameof(root));
            }
        }

        other?.Flush();
    }

    private void WriteValue(JValue value)
    {
        switch (value.Value)
        {
            case null:
                text.Write("null");
                break;
            case string s:
                WriteString(s);
                break;
            case bool b:
                text.Write(b ? "true" : "false");
                break;
            case long l:
                text.Write(l.ToString(CultureInfo.InvariantCulture));
                break;
            case int i:
                text.Write(i.ToString(CultureInfo.InvariantCulture));
                break;
            default:
                other ??= new JsonTextWriter(text) { Formatting = Formatting.None, CloseOutput = false };
                value.WriteTo(other);
                other.Flush();
                break;
        }
    }

    private void WriteString(string value)
    {
        text.Write('"');
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c >= ' ' && c != '"' && c != '\\' && c != '\u0085' && c != '\u2028' && c != '\u2029')
            {
                continue;
            }

            text.Write(value.AsSpan(start, i - start));
            switch (c)
            {
                case '\t':
                    text.Write("\\t");
                    break;
                case '\n':
                    text.Write("\\n");
                    break;
                case '\r':
                    text.Write("\\r");
                    break;
                case '\f':
                    text.Write("\\f");
                    break;
                case '\b':
                    text.Write("\\b");
                    break;
                case '\\':
                    text.Write("\\\\");
                    break;
                case '"':
                    text.Write("\\\"");
                    break;
                default:
                    text.Write("\\u");
                    text.Write(Hex[(c >> 12) & 0xf]);
                    text.Write(Hex[(c >> 8) & 0xf]);
                    text.Write(Hex[(c >> 4) & 0xf]);
                    text.Write(Hex[c & 0xf]);
                    break;
            }

            start = i + 1;
        }

        text.Write(value.AsSpan(start));
        text.Write('"');
    }
}
