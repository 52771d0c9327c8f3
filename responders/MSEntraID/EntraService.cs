using Cortex.Responders;
namespace Cortex.Workers.Responders.MSEntraID;

/// <summary>The five services of the responder (a flavor's <c>config.service</c>), each tagging the observable <c>MSEntraID:&lt;service&gt;</c>.</summary>
internal static class EntraService
{
    public const string RevokeSignInSessions = "revokeSignInSessions";
    public const string ForcePasswordReset = "forcePasswordReset";
    public const string ForcePasswordResetWithMfa = "forcePasswordResetWithMFA";
    public const string EnableUser = "enableUser";
    public const string DisableUser = "disableUser";

    public static readonly IReadOnlyList<string> All = [RevokeSignInSessions, ForcePasswordReset, ForcePasswordResetWithMfa, EnableUser, DisableUser];
}
