using Bunit;
using QuantPulse.Dashboard.Components.Shared;
using QuantPulse.Hosting;

namespace QuantPulse.Dashboard.Tests.Components;

public sealed class SourceBadgesTests : BunitContext
{
    [Fact]
    public void Render_EachState_ShowsItsTextAndOnlySimulatedSourcesAreLabelled()
    {
        SourceReport[] sources =
        [
            Report("simulated", SourceState.Live, simulated: true),
            Report("deriv", SourceState.Reconnecting, reconnects: 3),
            Report("binance", SourceState.Backfilling),
            Report("csv", SourceState.Completed),
            Report("other", SourceState.Failed),
        ];

        var badges = Render<SourceBadges>(p => p.Add(c => c.Sources, sources));

        var texts = badges.FindAll(".badge .state").Select(b => b.TextContent).ToList();
        Assert.Equal(["simulated: live", "deriv: reconnecting 3", "binance: backfilling", "csv: completed", "other: failed"], texts);
        Assert.Single(badges.FindAll(".sim-label"));
        Assert.NotNull(badges.Find("[data-source=simulated] .sim-label"));
        Assert.Contains("state-reconnecting", badges.Find("[data-source=deriv]").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoSourcesYet_SaysStarting()
    {
        var badges = Render<SourceBadges>(p => p.Add(c => c.Sources, []));

        Assert.Equal("starting", badges.Find("[data-testid=source-state] .badge").TextContent.Trim());
    }

    private static SourceReport Report(string name, SourceState state, bool simulated = false, long reconnects = 0) =>
        new(name, name, simulated, state, 10, reconnects, new Dictionary<string, long>());
}
