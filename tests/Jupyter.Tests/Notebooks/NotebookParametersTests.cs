using Cortex.Responders;
using Cortex.Workers.Responders.Jupyter.Notebooks;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using static Cortex.Workers.Responders.Jupyter.Tests.NotebookFile;

namespace Cortex.Workers.Responders.Jupyter.Tests.Notebooks;

/// <summary>Where papermill puts the injected-parameters cell, and what it holds.</summary>
[TestFixture]
public sealed class NotebookParametersTests
{
    private static readonly KeyValuePair<string, JToken>[] Parameters =
    [
        new("thehive_organisation", "soc"),
        new("thehive_input_value", JObject.Parse("""{"title": "a \"b\"", "n": null}""")),
    ];

    [Test]
    public void InjectedCellGoesRightAfterTheFirstParametersCell()
    {
        var notebook = Of(Markdown("# t"), Code("x = 1", "parameters"), Code("print(x)"), Code("y = 2", "parameters"));

        NotebookParameters.Inject(notebook, Parameters);

        var cells = notebook["cells"]!.ToList();
        cells.Should().HaveCount(5);
        Notebook.HasTag(cells[2], "injected-parameters").Should().BeTrue();
        Source(cells[2]).Should().Be("# Parameters\nthehive_organisation = \"soc\"\nthehive_input_value = {\"title\": \"a \\\"b\\\"\", \"n\": None}\n");
        cells[2]["id"].Should().BeNull("an nbformat 4.4 notebook has no cell ids");
    }

    [Test]
    public void WithoutAParametersCellTheInjectedCellGoesFirst()
    {
        var notebook = Of(Markdown("# t"), Code("print(1)"));

        NotebookParameters.Inject(notebook, Parameters);

        Notebook.HasTag(notebook["cells"]![0]!, "injected-parameters").Should().BeTrue();
        notebook["cells"]!.Should().HaveCount(3);
    }

    [Test]
    public void AnEarlierInjectedCellIsReplacedNotRepeated()
    {
        var notebook = Of(Code("x = 1", "parameters"), Code("# Parameters\nthehive_user = 'old'", "injected-parameters"), Code("print(x)"));

        NotebookParameters.Inject(notebook, Parameters);

        var cells = notebook["cells"]!.ToList();
        cells.Should().HaveCount(3);
        Source(cells[1]).Should().NotContain("old").And.Contain("thehive_organisation");
    }

    [Test]
    public void NotebooksWithCellIdsGetAnIdForTheInjectedCell()
    {
        var notebook = Of(Code("x = 1", "parameters"));
        notebook["nbformat_minor"] = 5;
        ((JObject)notebook["cells"]![0]!).AddFirst(new JProperty("id", "abc"));

        NotebookParameters.Inject(notebook, Parameters);

        ((string?)notebook["cells"]![1]!["id"]).Should().MatchRegex("^[0-9a-f]{8}$");
    }
}
