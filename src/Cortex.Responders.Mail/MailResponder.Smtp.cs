using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Mail;

/// <summary>The SMTP settings of a mail responder: <see cref="SmtpOptions"/> bound from the job's <c>config</c>, then checked one by one.</summary>
public abstract partial class MailResponder
{
    private SmtpSettings ReadSmtpSettings()
    {
        // Scalars only: an item given as an array or an object is not bound, so it is checked here first.
        foreach (var item in SmtpOptions.Keys)
        {
            if (GetParam("config." + item) is JContainer container)
            {
                throw Fail($"config.{item} must be a single value, but it is {(container is JArray ? "an array" : "an object")}");
            }
        }

        var options = Configuration.Get<SmtpOptions>() ?? new SmtpOptions();
        var fromText = Blank(options.From) ?? Missing("config.from is missing: set the sender address (from) in the responder's configuration");
        var from = ParseAddresses(fromText, "config.from");
        if (from.Count != 1)
        {
            throw Fail($"config.from must be one address, not {from.Count}");
        }

        var host = (options.Host ?? "localhost").Trim();

        // An IPv6 address may be written as in a URL, [::1].
        if (host is ['[', .., ']'] && System.Net.IPAddress.TryParse(host[1..^1], out var literal) && literal.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            host = host[1..^1];
        }

        if (host.Length == 0 || ControlCharacters().IsMatch(host))
        {
            throw Fail("config.smtp_host is empty or not a host name: set the SMTP server's name or address");
        }

        var port = ReadPort(options.Port);
        var user = Blank(options.User);
        var password = Blank(options.Password);
        if (user == SmtpSettings.PlaceholderUser && password == SmtpSettings.PlaceholderPassword)
        {
            Logger.LogInformation("smtp_user and smtp_pwd hold the Mailer's placeholders (user/pwd): sending without logging in");
            user = password = null;
        }
        else if ((user is null) != (password is null))
        {
            Logger.LogWarning("Only one of smtp_user and smtp_pwd is set: sending without logging in");
            user = password = null;
        }

        var security = (options.Security ?? "auto").Trim().ToLowerInvariant() switch
        {
            "" or "auto" => SmtpSecurity.Auto,
            "tls" or "ssl" => SmtpSecurity.Tls,
            "starttls" => SmtpSecurity.StartTls,
            "none" => SmtpSecurity.None,
            var other => Unknown(other),
        };
        var seconds = SmtpSettings.DefaultTimeout.TotalSeconds;
        if (Blank(options.Timeout) is { } timeout
            && !(double.TryParse(timeout, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && seconds > 0 && seconds <= 3600))
        {
            throw Fail($"config.smtp_timeout must be a number of seconds between 0 and 3600, not {Shorten(timeout)}");
        }

        return new SmtpSettings(from[0], host, port, user, password, security, TimeSpan.FromSeconds(seconds));

        SmtpSecurity Unknown(string value)
        {
            throw Fail($"config.smtp_security must be auto, tls, starttls or none, not \"{Shorten(value)}\"");
        }

        string Missing(string message)
        {
            throw Fail(message);
        }
    }

    private int ReadPort(string? text)
    {
        // The Python Mailer's flavor gives a number, NVISO's the text "25": both are read.
        if (Blank(text) is not { } given)
        {
            return 25;
        }

        if (!double.TryParse(given, NumberStyles.Float, CultureInfo.InvariantCulture, out var port) || port != Math.Floor(port) || port is < 1 or > 65535)
        {
            throw Fail($"config.smtp_port must be a port number from 1 to 65535, not {Shorten(given)}");
        }

        return (int)port;
    }
}
