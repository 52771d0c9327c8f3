using Cortex.Responders;
using Cortex.Workers.Responders.Echo;

return await ResponderHost.RunAsync<EchoResponder>(args);
