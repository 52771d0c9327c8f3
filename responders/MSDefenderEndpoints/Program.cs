using Cortex.Responders;
using Cortex.Workers.Responders.MSDefenderEndpoints;

return await ResponderHost.RunAsync<MSDefenderEndpointsResponder>(args);
