namespace Cortex.Responders.Jobs;

/// <summary>
/// cortexutils' checks of a job before the worker's code runs: the data's TLP and PAP against the flavor's
/// <c>max_tlp</c> and <c>max_pap</c>, when <c>check_tlp</c> and <c>check_pap</c> ask for them.
/// </summary>
internal static class JobChecks
{
    /// <summary>cortexutils' default for <c>tlp</c>, <c>pap</c>, <c>max_tlp</c> and <c>max_pap</c> alike: 2 (AMBER).</summary>
    public const int DefaultLevel = 2;

    /// <summary>The error that refuses the job, with cortexutils' own words, or null when it may run.</summary>
    /// <param name="tlp">The data's TLP.</param>
    /// <param name="pap">The data's PAP.</param>
    /// <param name="limits">Whether each check is on, and its maximum.</param>
    /// <returns>The refusal, or null.</returns>
    public static string? Refusal(int tlp, int pap, (bool CheckTlp, int MaxTlp, bool CheckPap, int MaxPap) limits) =>
        limits.CheckTlp && tlp > limits.MaxTlp ? "TLP is higher than allowed."
        : limits.CheckPap && pap > limits.MaxPap ? "PAP is higher than allowed."
        : null;
}
