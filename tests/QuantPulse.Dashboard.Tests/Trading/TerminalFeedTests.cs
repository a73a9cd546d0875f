using QuantPulse.Dashboard.Trading;
using QuantPulse.Hosting;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;
using QuantPulse.Trading;

namespace QuantPulse.Dashboard.Tests.Trading;

/// <summary>The terminal's mock fallback on a scripted clock: when the live feed fails the view shows the simulated market, and it comes back.</summary>
public sealed class TerminalFeedTests
{
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(30);
    private readonly ManualTimeProvider _time = new();
    private readonly FeedWatch _watch;
    private readonly TerminalFeed _feed;
    private SourceState _deriv = SourceState.Live;

    public TerminalFeedTests()
    {
        _watch = new FeedWatch(_time);
        _feed = new TerminalFeed(
            _watch,
            StaleAfter,
            symbol => symbol switch
            {
                "R_100" => new FeedSource(TickSources.Deriv, _deriv),
                "SIM_V100" or "SIM_V25" => new FeedSource(TickSources.Simulated, SourceState.Live),
                _ => null,
            },
            () => ["SIM_V100", "SIM_V25"]);
    }

    [Fact]
    public void Resolve_LiveFeedTicking_ShowsTheSymbolLiveAndAllowsEveryBroker()
    {
        Tick("R_100", "SIM_V100");

        var view = _feed.Resolve("R_100");

        Assert.Equal(("R_100", TerminalFeedMode.Live, "live", ""), (view.Shown, view.Mode, view.Name, view.Reason));
        Assert.False(view.IsSimulated);
        Assert.True(view.Allows(externalBroker: true));
        Assert.True(view.Allows(externalBroker: false));
    }

    [Theory]
    [InlineData(SourceState.Reconnecting, "the deriv feed is reconnecting")]
    [InlineData(SourceState.Failed, "the deriv feed failed")]
    public void Resolve_SourceDownWithFreshTicks_FallsBackToTheSimulatedMarketForPaperOnly(SourceState state, string reason)
    {
        Tick("R_100", "SIM_V100");
        _deriv = state;

        var view = _feed.Resolve("R_100");

        Assert.Equal(("R_100", "SIM_V100", TerminalFeedMode.Fallback, reason), (view.Symbol, view.Shown, view.Mode, view.Reason));
        Assert.True(view.IsSimulated);
        Assert.False(view.Allows(externalBroker: true));
        Assert.True(view.Allows(externalBroker: false));
    }

    [Fact]
    public void Resolve_NoTickWithinTheStaleTime_FallsBackThenSwitchesBackOnTheNextTick()
    {
        Tick("R_100", "SIM_V100");
        _time.Advance(StaleAfter);
        Assert.Equal(TerminalFeedMode.Live, _feed.Resolve("R_100").Mode);

        _time.Advance(TimeSpan.FromSeconds(1));
        Tick("SIM_V100");
        var down = _feed.Resolve("R_100");
        Tick("R_100");
        var back = _feed.Resolve("R_100");

        Assert.Equal((TerminalFeedMode.Fallback, "SIM_V100", "no R_100 tick within 30 s"), (down.Mode, down.Shown, down.Reason));
        Assert.Equal((TerminalFeedMode.Live, "R_100"), (back.Mode, back.Shown));
    }

    [Fact]
    public void Resolve_ReconnectedSource_SwitchesBackOnlyOnceItTicksAgain()
    {
        Tick("R_100", "SIM_V100");
        _deriv = SourceState.Reconnecting;
        _time.Advance(TimeSpan.FromSeconds(40));
        Tick("SIM_V100");
        _deriv = SourceState.Live;

        var reconnected = _feed.Resolve("R_100");
        Tick("R_100");

        Assert.Equal(TerminalFeedMode.Fallback, reconnected.Mode);
        Assert.Equal(TerminalFeedMode.Live, _feed.Resolve("R_100").Mode);
    }

    [Fact]
    public void Resolve_FirstSimulatedSymbolStale_FallsBackToOneThatTicks()
    {
        Tick("SIM_V100");
        _time.Advance(TimeSpan.FromSeconds(31));
        Tick("SIM_V25");

        Assert.Equal("SIM_V25", _feed.Resolve("R_100").Shown);
    }

    [Fact]
    public void Resolve_LiveFeedAndSimulatedMarketBothSilent_IsStaleForEveryBroker()
    {
        Tick("R_100", "SIM_V100", "SIM_V25");
        _time.Advance(TimeSpan.FromSeconds(31));

        var view = _feed.Resolve("R_100");

        Assert.Equal((TerminalFeedMode.Stale, "R_100", "no R_100 tick within 30 s; no simulated market is running"), (view.Mode, view.Shown, view.Reason));
        Assert.False(view.Allows(externalBroker: false));
        Assert.False(view.Allows(externalBroker: true));
    }

    [Fact]
    public void Resolve_SimulatedSymbol_IsSimulatedWhileItTicksAndStaleAfter()
    {
        Tick("SIM_V25");
        var ticking = _feed.Resolve("SIM_V25");
        _time.Advance(TimeSpan.FromSeconds(31));
        var silent = _feed.Resolve("SIM_V25");

        Assert.Equal((TerminalFeedMode.Simulated, "SIM_V25", "simulated"), (ticking.Mode, ticking.Shown, ticking.Name));
        Assert.False(ticking.Allows(externalBroker: true));
        Assert.True(ticking.Allows(externalBroker: false));
        Assert.Equal(TerminalFeedMode.Stale, silent.Mode);
    }

    [Fact]
    public void Resolve_UnknownSymbolNeverTicked_FallsBackWithTheReason()
    {
        Tick("SIM_V100");

        var view = _feed.Resolve("BTCUSDT");

        Assert.Equal((TerminalFeedMode.Fallback, "SIM_V100", "no BTCUSDT tick within 30 s"), (view.Mode, view.Shown, view.Reason));
    }

    private void Tick(params string[] symbols)
    {
        foreach (var symbol in symbols)
        {
            _watch.Observe(new Tick(symbol, _time.GetUtcNow(), 100m, 1m, TickSources.Simulated));
        }
    }
}
