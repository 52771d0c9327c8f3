using System.Globalization;
using Cortex.Responders.Jobs;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Parameters;

/// <summary>
/// Converts a job input value to the type a responder asks for, without reflection-based serialization
/// (so it works under Native AOT). A value of the wrong kind is a <see cref="FormatException"/> whose
/// message names the path and what was expected.
/// </summary>
internal static class ParamConverter
{
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a type GetParam converts to.</exception>
    public static void EnsureSupported<T>()
    {
        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (!(type == typeof(string) || type == typeof(bool) || type == typeof(int) || type == typeof(long) || type == typeof(double)
            || type == typeof(decimal) || type == typeof(string[]) || typeof(JToken).IsAssignableFrom(type)))
        {
            throw new NotSupportedException(
                $"GetParam<{typeof(T).Name}> is not supported: ask for string, bool, int, long, double, decimal, string[] or a JToken type");
        }
    }

    public static T Convert<T>(JToken token, string path)
    {
        if (token is T same)
        {
            return same;
        }

        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        object? value = type switch
        {
            _ when type == typeof(string) => AsString(token),
            _ when type == typeof(bool) => AsBoolean(token),
            _ when type == typeof(int) => AsNumber(token, t => (int)Whole(t), s => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture)),
            _ when type == typeof(long) => AsNumber(token, t => (long)Whole(t), s => long.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture)),
            _ when type == typeof(double) => AsNumber(token, t => (double)t, s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture)),
            _ when type == typeof(decimal) => AsNumber(token, t => (decimal)t, s => decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture)),
            _ when type == typeof(string[]) => AsStringArray(token),
            _ => null, // a JToken type that the token is not (checked first), or a type EnsureSupported refuses
        };

        if (value is null)
        {
            throw new FormatException($"{path} must be {Expected(type)}, but it is {JsonDescription.Of(token)}");
        }

        return (T)value;
    }

    private static string Expected(Type type) => type switch
    {
        _ when type == typeof(string) => "a string",
        _ when type == typeof(bool) => "a boolean",
        _ when type == typeof(int) || type == typeof(long) => "a whole number",
        _ when type == typeof(double) || type == typeof(decimal) => "a number",
        _ when type == typeof(string[]) => "an array of strings",
        _ when type == typeof(JObject) => "an object",
        _ when type == typeof(JArray) => "an array",
        _ => $"a JSON {type.Name}",
    };

    private static string? AsString(JToken token) => token switch
    {
        JValue { Value: string text } => text,
        JValue { Type: JTokenType.Integer or JTokenType.Float or JTokenType.Boolean } value => value.ToString(Formatting.None),
        _ => null,
    };

    private static object? AsBoolean(JToken token) => token switch
    {
        JValue { Type: JTokenType.Boolean } value => (bool)value,
        JValue { Value: string text } when bool.TryParse(text, out var parsed) => parsed,
        _ => null,
    };

    private static object? AsNumber<TNumber>(JToken token, Func<JToken, TNumber> cast, Func<string, TNumber> parse)
        where TNumber : struct
    {
        try
        {
            return token switch
            {
                JValue { Type: JTokenType.Integer or JTokenType.Float } => cast(token),
                JValue { Value: string text } => parse(text.Trim()),
                _ => null,
            };
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidCastException)
        {
            return null;
        }
    }

    private static JToken Whole(JToken token) =>
        token.Type == JTokenType.Float && Math.Abs((double)token % 1) > 0 ? throw new FormatException() : token;

    private static string[]? AsStringArray(JToken token)
    {
        if (token is not JArray array)
        {
            return null;
        }

        var result = new string[array.Count];
        for (var i = 0; i < array.Count; i++)
        {
            if (AsString(array[i]) is not { } item)
            {
                return null;
            }

            result[i] = item;
        }

        return result;
    }
}
