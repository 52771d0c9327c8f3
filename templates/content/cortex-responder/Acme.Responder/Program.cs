return await Cortex.Responders.ResponderHost.RunAsync<Acme.Responder.AcmeResponderNameResponder>(args);
