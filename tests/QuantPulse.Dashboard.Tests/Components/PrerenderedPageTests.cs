using System.Text.Json.Nodes;
using QuantPulse.CircuitLoad;

namespace QuantPulse.Dashboard.Tests.Components;

public sealed class PrerenderedPageTests
{
    private const string Html = """
        <html><head><base href="/app/" /></head><body>
        <!--Blazor:{"type":"server","prerenderId":"p1","key":{"locationHash":"h","formattedComponentKey":""},"sequence":0,"descriptor":"CfDJ8abc"}--><div>x</div><!--Blazor:{"prerenderId":"p1"}-->
        <!--Blazor:{"type":"webassembly","prerenderId":"p2","assembly":"A","typeName":"T"}--><!--Blazor:{"prerenderId":"p2"}-->
        <!--Blazor-Server-Component-State:eyJhIjoxfQ==-->
        </body></html>
        """;

    [Fact]
    public void Parse_PrerenderedPage_ReadsServerMarkersStateAndBase()
    {
        var page = PrerenderedPage.Parse(new Uri("http://127.0.0.1:5000/app/?tf=1m"), Html);

        var marker = Assert.Single(page.Markers);
        Assert.Equal("CfDJ8abc", (string?)marker["descriptor"]);
        Assert.Equal("eyJhIjoxfQ==", page.ApplicationState);
        Assert.Equal(new Uri("http://127.0.0.1:5000/app/"), page.BaseUri);
    }

    [Fact]
    public void AddOperations_OneMarker_AddsItWithAUniqueId()
    {
        var page = PrerenderedPage.Parse(new Uri("http://127.0.0.1:5000/"), Html);

        var batch = JsonNode.Parse(page.AddOperations())!;
        Assert.Equal(1, (int)batch["batchId"]!);
        var operation = Assert.Single(batch["operations"]!.AsArray())!;
        Assert.Equal("add", (string?)operation["type"]);
        Assert.Equal(1, (int)operation["ssrComponentId"]!);
        Assert.Equal("CfDJ8abc", (string?)operation["marker"]!["descriptor"]);
        Assert.Equal(0, (int)operation["marker"]!["uniqueId"]!);
        Assert.Equal(0, (int)operation["marker"]!["sequence"]!);
    }

    [Fact]
    public void Parse_NoServerComponent_ThrowsClearMessage()
    {
        var failure = Assert.Throws<CircuitException>(() => PrerenderedPage.Parse(new Uri("http://127.0.0.1:5000/"), "<html><body>static</body></html>"));

        Assert.Contains("no interactive server component", failure.Message, StringComparison.Ordinal);
    }
}
