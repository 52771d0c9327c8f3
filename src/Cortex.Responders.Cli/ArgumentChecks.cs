using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Cortex.Responders.Cli.Images;

namespace Cortex.Responders.Cli;

/// <summary>
/// Argument checks declared on the options themselves, so that System.CommandLine reports them with every other
/// usage error (standard error, exit code 2) before any verb runs.
/// </summary>
internal static class ArgumentChecks
{
    /// <summary>The argument names an existing file.</summary>
    public static Argument<string> ExistingFile(this Argument<string> argument)
    {
        argument.Validators.Add(result => CheckFile(result, result.GetValueOrDefault<string>(), argument.Name));
        return argument;
    }

    /// <summary>The option, when given, names an existing file.</summary>
    public static Option<string> ExistingFile(this Option<string> option)
    {
        option.Validators.Add(result => CheckFile(result, result.GetValueOrDefault<string>(), option.Name));
        return option;
    }

    /// <summary>Every value names an existing file or folder.</summary>
    public static Argument<string[]> ExistingFilesOrFolders(this Argument<string[]> argument)
    {
        argument.Validators.Add(result =>
        {
            foreach (var path in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (!File.Exists(path) && !Directory.Exists(path))
                {
                    result.AddError($"{path}: no such file or folder");
                }
            }
        });
        return argument;
    }

    /// <summary>The argument names an existing folder.</summary>
    public static Argument<string> ExistingFolder(this Argument<string> argument)
    {
        argument.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } path && !Directory.Exists(path))
            {
                result.AddError($"{path}: no such folder");
            }
        });
        return argument;
    }

    /// <summary>Every value names an existing folder.</summary>
    public static Argument<string[]> ExistingFolders(this Argument<string[]> argument)
    {
        argument.Validators.Add(result =>
        {
            foreach (var path in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (!Directory.Exists(path))
                {
                    result.AddError($"{path}: no such folder");
                }
            }
        });
        return argument;
    }

    /// <summary>Each value has the shape key=value with a non-empty key.</summary>
    public static Option<string[]> KeyValuePairs(this Option<string[]> option)
    {
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.IndexOf('=', StringComparison.Ordinal) <= 0)
                {
                    result.AddError($"{option.Name} {token.Value}: expected key=value (a configuration item's name, '=', its value)");
                }
            }
        });
        return option;
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<int?> WholeNumber(this Option<int?> option, int min, int max, string meaning)
    {
        option.CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            result.AddError($"{option.Name} must be a whole number from {min} to {max} ({meaning}), not {text}");
            return null;
        };
        return option;
    }

    /// <summary>A number of seconds above 0 and up to <paramref name="max"/>.</summary>
    public static Option<TimeSpan?> Seconds(this Option<TimeSpan?> option, TimeSpan max)
    {
        option.CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= max.TotalSeconds)
            {
                return TimeSpan.FromSeconds(seconds);
            }

            result.AddError($"{option.Name} must be a number of seconds above 0 and up to {max.TotalSeconds:0}, not {text}");
            return null;
        };
        return option;
    }

    /// <summary>Each value an image name, or <c>os/arch=name</c> for one platform's base.</summary>
    public static Option<string[]> ImageBases(this Option<string[]> option)
    {
        option.Validators.Add(result =>
        {
            foreach (var value in result.GetValueOrDefault<string[]>() ?? [])
            {
                var name = Images.ImageRequest.IsPlatformBase(value) ? value[(value.IndexOf('=', StringComparison.Ordinal) + 1)..] : value;
                var platform = name.Length == value.Length ? null : value[..(value.Length - name.Length - 1)];
                if (name.Length == 0 || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
                {
                    result.AddError($"{option.Name} {Newtonsoft.Json.JsonConvert.ToString(value)} is not an image name");
                }
                else if (platform is not null && platform.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
                {
                    result.AddError($"{option.Name} {Newtonsoft.Json.JsonConvert.ToString(value)}: write a platform's base as os/arch=image, e.g. linux/arm64=debian:bookworm-slim");
                }
            }
        });
        return option;
    }

    /// <summary>A user as numbers, <c>UID[:GID]</c> (<see cref="ImageUser"/>).</summary>
    public static Option<ImageUser?> UserIds(this Option<ImageUser?> option)
    {
        option.CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (ImageUser.TryParse(text, out var user))
            {
                return user;
            }

            result.AddError($"{option.Name} {text}: give UID or UID:GID as numbers (e.g. 1000 or 1000:1000)");
            return null;
        };
        return option;
    }

    private static void CheckFile(SymbolResult result, string? path, string name)
    {
        if (path is not null && !File.Exists(path))
        {
            result.AddError($"{name} {path}: no such file");
        }
    }
}
