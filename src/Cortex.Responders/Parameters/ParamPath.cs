using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Parameters;

/// <summary>
/// Walks a job input by a dotted path ("config.proxy.http") as cortexutils' get_param does: a missing key
/// and a null value both count as missing. Beyond cortexutils, a numeric segment indexes an array
/// ("data.artifacts.0.data").
/// </summary>
internal static class ParamPath
{
    /// <summary>Returns the value at <paramref name="path"/>, or null when it is missing or null.</summary>
    public static JToken? Find(JToken root, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        JToken? current = root;
        if (path.Length == 0)
        {
            return Present(current);
        }

        foreach (var segment in path.Split('.'))
        {
            current = current switch
            {
                JObject obj => obj[segment],
                JArray array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                    && index < array.Count => array[index],
                _ => null,
            };
            if (Present(current) is null)
            {
                return null;
            }
        }

        return current;
    }

    private static JToken? Present(JToken? token) =>
        token is null || token.Type is JTokenType.Null or JTokenType.Undefined ? null : token;
}
