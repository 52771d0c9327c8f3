using Cortex.Responders;
using Cortex.Workers.Responders.DnsRpz.Tests.Peers;
using Newtonsoft.Json.Linq;

namespace Cortex.Workers.Responders.DnsRpz.Tests;

/// <summary>Job inputs as Cortex gives them to DNS-RPZ: an observable of a case, the flavor's configuration pointed at a test BIND.</summary>
internal static class RpzJobs
{
    public const string RemediationIp = "192.0.2.66";

    public static JObject Job(BindServer bind, string value, string type = ObservableTypes.Domain, Action<JObject>? configure = null)
    {
        var config = new JObject
        {
            ["bind_server"] = bind.Endpoint,
            ["tsig_keyname"] = BindServer.KeyName,
            ["tsig_keyval"] = bind.Secret,
            ["tsig_hashalg"] = "HMAC-SHA512",
            ["rpz_zonename"] = BindServer.Zone,
            ["remediation_ip"] = RemediationIp,
            ["max_tlp"] = 3,
            ["check_tlp"] = false,
            ["max_pap"] = 3,
            ["check_pap"] = true,
            ["jobTimeout"] = 10,
        };
        configure?.Invoke(config);
        return new JObject
        {
            ["data"] = new JObject
            {
                ["_id"] = "~40984",
                ["_type"] = "Observable",
                ["dataType"] = type,
                ["data"] = value,
                ["tlp"] = 2,
                ["pap"] = 2,
                ["case"] = new JObject { ["_id"] = "~41160", ["caseId"] = 212, ["title"] = "Phishing wave" },
            },
            ["dataType"] = DataTypes.Observable,
            ["tlp"] = 2,
            ["pap"] = 2,
            ["config"] = config,
        };
    }
}
