return await Cortex.Responders.AnalyzerHost.RunAsync<Acme.Analyzer.AcmeAnalyzerNameAnalyzer>(args);
