using Cortex.Responders;
using Cortex.Responders.MSDefenderEndpoints;

return await ResponderHost.RunAsync<MSDefenderEndpointsResponder>(args);
