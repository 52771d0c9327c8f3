using Cortex.Responders;
using Cortex.Workers.Responders.DnsRpz;

return await ResponderHost.RunAsync<DnsRpzResponder>(args);
