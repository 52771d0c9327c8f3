using Cortex.Responders;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Workers.Responders.Jupyter.Tests;

/// <summary>The published folder, and a flavor that takes over the Python responder's Cortex configuration as it is.</summary>
[TestFixture]
public sealed class FlavorTests
{
    private static string root = string.Empty;

    [OneTimeSetUp]
    public async Task Publish() => root = await PublishedResponders.PublishAsync("Jupyter");

    [Test]
    public void FolderHoldsTheExecutableAndTheFlavorOnly()
    {
        PublishedFolder.ShouldHoldTheExecutableAndFlavorsOnly(root, "Jupyter", "Jupyter_Run_Notebook_Responder.json");
    }

    [Test]
    public void FlavorKeepsTheOriginalsNameDataTypesAndConfiguration()
    {
        var flavor = PublishedFolder.Flavor(root, "Jupyter", "Jupyter_Run_Notebook_Responder.json");
        ((string?)flavor["name"]).Should().Be("Jupyter_Run_Notebook_Responder");
        ((string?)flavor["version"]).Should().Be("1.0", "the worker id Jupyter_Run_Notebook_Responder_1_0 must stay the same");
        ((string?)flavor["baseConfig"]).Should().Be("Jupyter");
        ((string?)flavor["command"]).Should().Be("Jupyter/Jupyter");
        flavor["dataTypeList"]!.Values<string>().Should().Equal("thehive:case", "thehive:case_artifact", "thehive:alert", "thehive:case_task", "thehive:case_task_log");
        JToken.DeepEquals(flavor["config"], JObject.Parse("""{"service": "Run_Notebook", "check_tlp": true, "max_tlp": 4, "check_pap": true, "max_pap": 3}""")).Should().BeTrue();
        var items = flavor["configurationItems"]!.Children<JObject>().ToDictionary(i => (string)i["name"]!);

        // Cortex-Analyzers responders/Jupyter/Jupyter_Run_Notebook_Responder.json: names, types, multi, required, defaults.
        Item(items["input_hostname"], "string", multi: false, required: true, null);
        Item(items["input_handler_http_service_api_token"], "string", multi: false, required: false, null);
        Item(items["input_handler_http_is_jupyterhub"], "boolean", multi: false, required: false, true);
        Item(items["input_handler_http_execute_remotely"], "boolean", multi: false, required: false, false);
        Item(items["input_paths"], "string", multi: true, required: true, null);
        Item(items["output_hostname"], "string", multi: false, required: true, null);
        Item(items["output_handler_http_service_api_token"], "string", multi: false, required: false, null);
        Item(items["output_handler_http_is_jupyterhub"], "boolean", multi: false, required: false, true);
        Item(items["output_folder"], "string", multi: false, required: true, "/");
        Item(items["any_handler_http_user"], "string", multi: false, required: false, null);

        // Added, optional with a default, so an existing configuration needs nothing new.
        Item(items["execution_timeout"], "number", multi: false, required: false, 600);
        items.Should().HaveCount(11);
    }

    private static void Item(JObject item, string type, bool multi, bool required, object? defaultValue)
    {
        ((string?)item["type"]).Should().Be(type, (string?)item["name"]);
        ((bool?)item["multi"]).Should().Be(multi, (string?)item["name"]);
        ((bool?)item["required"]).Should().Be(required, (string?)item["name"]);
        if (defaultValue is null)
        {
            item["defaultValue"].Should().BeNull((string?)item["name"]);
        }
        else
        {
            JToken.DeepEquals(item["defaultValue"], JToken.FromObject(defaultValue)).Should().BeTrue((string?)item["name"]);
        }
    }
}
