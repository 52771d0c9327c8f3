using Cortex.Responders;
using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.Jupyter.Notebooks;

/// <summary>
/// Writes JSON as Python source that evaluates to the same value (what papermill's Python translator does
/// for a parameter): objects become dicts, arrays lists, null/true/false None/True/False, strings
/// double-quoted with every character that could end or change the literal escaped.
/// </summary>
internal static class PythonLiteral
{
    public static string Of(JToken value)
    {
        var builder = new StringBuilder();
        Write(builder, value);
        return builder.ToString();
    }

    public static string Of(string value)
    {
        var builder = new StringBuilder();
        WriteString(builder, value);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, JToken value)
    {
        switch (value.Type)
        {
            case JTokenType.Object:
                builder.Append('{');
                var firstProperty = true;
                foreach (var property in ((JObject)value).Properties())
                {
                    if (!firstProperty)
                    {
                        builder.Append(", ");
                    }

                    firstProperty = false;
                    WriteString(builder, property.Name);
                    builder.Append(": ");
                    Write(builder, property.Value);
                }

                builder.Append('}');
                break;
            case JTokenType.Array:
                builder.Append('[');
                var firstItem = true;
                foreach (var item in (JArray)value)
                {
                    if (!firstItem)
                    {
                        builder.Append(", ");
                    }

                    firstItem = false;
                    Write(builder, item);
                }

                builder.Append(']');
                break;
            case JTokenType.Null or JTokenType.Undefined:
                builder.Append("None");
                break;
            case JTokenType.Boolean:
                builder.Append((bool)value ? "True" : "False");
                break;
            case JTokenType.Integer:
                // Python integers have no size limit: the digits as they are (BigInteger included).
                builder.Append(Convert.ToString(((JValue)value).Value, CultureInfo.InvariantCulture));
                break;
            case JTokenType.Float:
                WriteFloat(builder, ((JValue)value).Value);
                break;
            default:
                // Strings, and whatever else a reader kept as a value (dates, GUIDs, URIs): their text.
                WriteString(builder, value.Type == JTokenType.String ? (string)value! : value.ToString());
                break;
        }
    }

    private static void WriteFloat(StringBuilder builder, object? value)
    {
        var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        if (double.IsNaN(number))
        {
            builder.Append("float(\"nan\")");
            return;
        }

        if (double.IsInfinity(number))
        {
            builder.Append(number > 0 ? "float(\"inf\")" : "-float(\"inf\")");
            return;
        }

        var text = value is decimal exact ? exact.ToString(CultureInfo.InvariantCulture) : number.ToString("R", CultureInfo.InvariantCulture);

        // 1.0 prints as "1", which Python would read as an int.
        if (text.IndexOfAny(['.', 'E', 'e']) < 0)
        {
            text += ".0";
        }

        builder.Append(text);
    }

    private static void WriteString(StringBuilder builder, string value)
    {
        builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        // A whole astral character (emoji…): UTF-8 source text, kept readable.
                        builder.Append(c).Append(value[i + 1]);
                        i++;
                    }
                    else if (char.IsSurrogate(c) || char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085' or '\ufeff')
                    {
                        // Control characters and line separators would break the cell's line; a lone surrogate
                        // cannot be written as UTF-8. Python's \u escape gives the same str.
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}
