using Cortex.Workers.Analyzers.EmlParser;
using Cortex.Responders;

return await AnalyzerHost.RunAsync<EmlParserAnalyzer>(args);
