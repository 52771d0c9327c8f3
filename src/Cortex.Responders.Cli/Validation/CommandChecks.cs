using Cortex.Responders.Cli.Definitions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using static Cortex.Responders.Cli.Validation.FlavorRules;
using static Cortex.Responders.Cli.Validation.FlavorValidator;

namespace Cortex.Responders.Cli.Validation;

/// <summary>What Cortex runs: a command inside the root with its run bit, or an image.</summary>
internal static class CommandChecks
{
    public static IEnumerable<Finding> Check(FlavorFile file, JObject definition, string path, WorkerKind kind)
    {
        // Cortex reads both as optional strings: null is the same as absent.
        var command = Present(definition["command"]);
        var image = Present(definition[FlavorKeys.DockerImage]);
        if (command is null && image is null)
        {
            yield return NoCommand.At(file, definition, path);
            yield break;
        }

        if (image is not null && image.Type != JTokenType.String)
        {
            yield return DockerImageType.At(file, image, $"{path}.dockerImage", ("kind", JsonDescription.Of(image)));
        }

        if (command is null)
        {
            yield break;
        }

        if (command.Type != JTokenType.String)
        {
            yield return CommandType.At(file, command, $"{path}.command", ("kind", JsonDescription.Of(command)));
            yield break;
        }

        var text = (string)command!;
        var root = Path.GetFullPath(file.Root);
        var target = Path.GetFullPath(Path.Combine(root, text));
        var at = $"{path}.command";
        if (!target.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            yield return CommandOutside.At(file, command, at, ("command", text), ("target", target), ("root", root));
        }
        else if (!File.Exists(target))
        {
            yield return CommandMissing.At(
                file,
                command,
                at,
                ("command", text),
                ("target", target),
                ("root", root),
                ("folder", Path.GetFileName(Path.GetDirectoryName(file.Path))));
        }
        else if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(target) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) == 0)
        {
            yield return CommandNotExecutable.At(file, command, at, ("target", target));
        }
    }
}
