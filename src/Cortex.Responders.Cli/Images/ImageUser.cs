using System.Globalization;

namespace Cortex.Responders.Cli.Images;

/// <summary>
/// The user an image runs its responder as (the image's USER). Root by default: Cortex makes each job folder
/// owner-only (0700) for its own user and its Docker runner sets no user, so only root, or Cortex's own uid,
/// can read <c>/job</c>; Cortex-Analyzers' images run as root for that reason.
/// </summary>
internal sealed record ImageUser(long Uid, long? Gid)
{
    public static ImageUser Root { get; } = new(0, 0);

    /// <summary>Parses <c>UID[:GID]</c> (numbers: names mean nothing in a minimal image without a user table).</summary>
    public static bool TryParse(string text, out ImageUser user)
    {
        user = Root;
        var parts = text.Split(':');
        if (parts.Length > 2 || !Id(parts[0], out var uid))
        {
            return false;
        }

        long? gid = null;
        if (parts.Length == 2)
        {
            if (!Id(parts[1], out var group))
            {
                return false;
            }

            gid = group;
        }

        user = new ImageUser(uid, gid);
        return true;
    }

    public override string ToString() => Gid is { } gid ? $"{Uid}:{gid}" : Uid.ToString(CultureInfo.InvariantCulture);

    private static bool Id(string text, out long id) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id <= int.MaxValue && text.Length > 0;
}
