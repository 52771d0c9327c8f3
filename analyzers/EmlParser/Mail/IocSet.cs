using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Analyzers.EmlParser.Mail;

/// <summary>
/// The report's <c>iocs</c>: for each kind (<c>ip</c>, <c>domain</c>, <c>url</c>, <c>email</c>, <c>hash</c>) the
/// values in the order met, each once as <c>{data, tag[]}</c>, a value met again gaining the tags of where.
/// Bounded by <see cref="Bounds.Iocs"/> per kind.
/// </summary>
internal sealed class IocSet
{
    public static readonly string[] Kinds = ["ip", "domain", "url", "email", "hash"];

    private readonly Dictionary<string, List<JObject>> lists = Kinds.ToDictionary(kind => kind, _ => new List<JObject>());
    private readonly Dictionary<(string, string), JObject> index = [];
    private readonly HashSet<string> full = [];
    private readonly Bounds bounds;

    public IocSet(Bounds bounds) => this.bounds = bounds;

    public IReadOnlyList<JObject> this[string kind] => lists[kind];

    /// <summary>Adds a value with its tags; returns the entry (null when the kind is full).</summary>
    public JObject? Add(string kind, string data, params string[] tags)
    {
        if (string.IsNullOrWhiteSpace(data))
        {
            return null;
        }

        if (!index.TryGetValue((kind, data), out var entry))
        {
            if (lists[kind].Count >= Bounds.Iocs)
            {
                if (full.Add(kind))
                {
                    bounds.Cut($"iocs.{kind}: only the first {Bounds.Iocs} values are kept");
                }

                return null;
            }

            entry = new JObject { ["data"] = data, ["tag"] = new JArray() };
            index[(kind, data)] = entry;
            lists[kind].Add(entry);
        }

        var tagList = (JArray)entry["tag"]!;
        foreach (var tag in tags)
        {
            if (!tagList.Any(existing => (string?)existing == tag))
            {
                tagList.Add(tag);
            }
        }

        return entry;
    }

    public IEnumerable<JObject> Values(string kind) => lists[kind];

    public JObject ToJson()
    {
        var json = new JObject();
        foreach (var kind in Kinds)
        {
            json[kind] = new JArray(Values(kind).Select(entry => entry.DeepClone()));
        }

        return json;
    }
}
