using Cortex.Responders;
using Cortex.Responders.Echo;

return await ResponderHost.RunAsync<EchoResponder>(args);
