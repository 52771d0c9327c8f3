namespace Cortex.Responders.Jobs;

/// <summary>
/// The irreversible actions a job has taken so far (a mail the server accepted), so that every error written
/// afterwards, the provisional output's included, names them and nobody runs the job again blindly.
/// </summary>
internal sealed class ActionLog
{
    private readonly Lock gate = new();
    private readonly List<(string Id, string Action)> actions = [];

    /// <summary>Records <paramref name="action"/> under <paramref name="id"/>: a record with the same id replaces the earlier one; a null action removes it.</summary>
    public void Record(string id, string? action)
    {
        lock (gate)
        {
            actions.RemoveAll(entry => entry.Id == id);
            if (action is not null)
            {
                actions.Add((id, action));
            }
        }
    }

    /// <summary>The error message, followed by the actions taken so far when there are any.</summary>
    public string Describe(string message)
    {
        lock (gate)
        {
            return actions.Count == 0
                ? message
                : $"{message.TrimEnd().TrimEnd('.')}; already done, so check before running the job again: {string.Join("; ", actions.Select(entry => entry.Action))}";
        }
    }
}
