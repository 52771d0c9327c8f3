using Cortex.Workers.Analyzers.Echo;
using Cortex.Responders;

return await AnalyzerHost.RunAsync<EchoAnalyzer>(args);
