using Cortex.Responders.Secrets;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Jobs;

/// <summary>
/// The job's secrets: the values of its configuration items whose names hold a secret phrase (the worker's own
/// phrases once known, the default ones before), found once and kept, to scrub every text and document bound for
/// the output or the log.
/// </summary>
internal sealed class JobSecrets
{
    private readonly Lock gate = new();
    private JObject? input;
    private IReadOnlyCollection<string>? phrases;
    private IReadOnlyCollection<string>? values;

    /// <summary>The phrases a configuration item's name is a secret by: the worker's, or the default ones until they are known.</summary>
    public IReadOnlyCollection<string> Phrases
    {
        get
        {
            lock (gate)
            {
                return phrases ?? Worker.DefaultSecretPhrases;
            }
        }
    }

    /// <summary>The parsed job input, whose configuration holds the secrets.</summary>
    public void UseInput(JObject jobInput)
    {
        lock (gate)
        {
            input = jobInput;
            values = null;
        }
    }

    /// <summary>The worker's own phrases, read once on the job's thread.</summary>
    public void UsePhrases(IReadOnlyCollection<string> workerPhrases)
    {
        lock (gate)
        {
            phrases = workerPhrases;
            values = null;
        }
    }

    /// <summary>Removes the job's secrets (and URL credentials) from a text bound for the output or the log.</summary>
    public string Scrub(string text) => SecretMasker.Scrub(text, Values());

    /// <summary>Replaces the job's secret values wherever they appear in <paramref name="document"/>'s strings.</summary>
    public void ScrubValues(JObject document) => SecretMasker.ScrubValues(document, Values());

    /// <summary>A copy of <paramref name="source"/> with its secret configuration items masked, for an error output.</summary>
    public JObject MaskInput(JObject source) => SecretMasker.MaskInput(source, Phrases, new HashSet<string>(StringComparer.Ordinal));

    private IReadOnlyCollection<string> Values()
    {
        lock (gate)
        {
            if (values is not null || input is null)
            {
                return values ?? [];
            }

            var found = new HashSet<string>(StringComparer.Ordinal);
            SecretMasker.MaskInput(new JObject { ["config"] = input["config"]?.DeepClone() }, phrases ?? Worker.DefaultSecretPhrases, found);

            // Kept only once the worker's own phrases are known.
            if (phrases is not null)
            {
                values = found;
            }

            return found;
        }
    }
}
