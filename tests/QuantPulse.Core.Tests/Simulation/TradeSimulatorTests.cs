using QuantPulse.Model;
using QuantPulse.Simulation;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Simulation;

/// <summary>The simulator's rules on scripted ticks: fills, levels, gaps, expiry, limits, directions, assets and reloads.</summary>
public class TradeSimulatorTests
{
    private static readonly DateTimeOffset SignalTime = Ticks.At("00:01:00");

    private static Signal Buy(decimal entry = 100m, decimal stopLoss = 99m, decimal takeProfit = 102m, string asset = "R_100", string? id = null) =>
        TradingTesting.Signal(SignalType.Buy, entry, stopLoss, takeProfit, SignalTime, asset, id);

    private static Signal Sell(decimal entry = 100m, decimal stopLoss = 101m, decimal takeProfit = 97m, string asset = "R_100", string? id = null) =>
        TradingTesting.Signal(SignalType.Sell, entry, stopLoss, takeProfit, SignalTime, asset, id);

    private static List<TradeEvent> Feed(TradeSimulator simulator, params Tick[] ticks)
    {
        var events = new List<TradeEvent>();
        for (var i = 0; i < ticks.Length; i++)
        {
            simulator.OnTick(in ticks[i], i, events);
        }

        return events;
    }

    private static Trade Closed(List<TradeEvent> events) => Assert.Single(events, e => e.Kind == TradeEventKind.Closed).Trade;

    [Fact]
    public void OnTick_AfterSignal_OpensAtTheNextTickPriceWithLevelsMovedToTheFill()
    {
        var simulator = new TradeSimulator(new SimulatorOptions());
        Assert.Null(simulator.OnSignal(Buy()));

        var events = Feed(simulator, Ticks.Trade("00:01:00.5", 100.4m));

        var (trade, kind, position) = Assert.Single(events);
        Assert.Equal(TradeEventKind.Opened, kind);
        Assert.Equal(0, position);
        Assert.Equal(new Trade("trade:test:R_100:1m:" + SignalTime.UtcTicks, "test:R_100:1m:" + SignalTime.UtcTicks, "R_100", SignalType.Buy, 100.4m, 99.4m, 102.4m, Ticks.At("00:01:00.5")), trade);
        Assert.True(trade.IsOpen);
    }

    [Fact]
    public void OnTick_SignalAnchoring_KeepsTheSignalLevels()
    {
        var simulator = new TradeSimulator(new SimulatorOptions { LevelAnchor = TradeLevelAnchor.Signal });
        simulator.OnSignal(Buy());

        var trade = Assert.Single(Feed(simulator, Ticks.Trade("00:01:01", 100.4m))).Trade;

        Assert.Equal((100.4m, 99m, 102m), (trade.EntryPrice, trade.StopLoss, trade.TakeProfit));
    }

    [Fact]
    public void OnTick_SignalAnchoringAndFillGappedThroughTheTarget_SkipsTheSignal()
    {
        var skipped = new List<SkippedSignalReason>();
        var simulator = new TradeSimulator(new SimulatorOptions { LevelAnchor = TradeLevelAnchor.Signal }, onSkipped: (_, r) => skipped.Add(r));
        simulator.OnSignal(Buy());

        Assert.Empty(Feed(simulator, Ticks.Trade("00:01:01", 102m), Ticks.Trade("00:01:02", 101m)));
        Assert.Equal([SkippedSignalReason.FillBeyondLevel], skipped);
        Assert.Equal(1, simulator.Statistics.SkippedFillBeyondLevel);
        Assert.False(simulator.IsActive);
    }

    [Fact]
    public void OnTick_TakeProfitReached_WinsAtTheTickPrice()
    {
        var simulator = new TradeSimulator(new SimulatorOptions());
        simulator.OnSignal(Buy());

        var events = Feed(simulator, Ticks.Trade("00:01:01", 100m), Ticks.Trade("00:02:00", 101.9m), Ticks.Trade("00:03:30", 102m));

        var trade = Closed(events);
        Assert.Equal(2, events[^1].Position);
        Assert.Equal(TradeResult.Win, trade.Result);
        Assert.Equal(102m, trade.ClosePrice);
        Assert.Equal(Ticks.At("00:03:30"), trade.CloseTime);
        Assert.Equal(149, trade.DurationSeconds);
        Assert.Equal(2.0, trade.MovementPercentage);
        Assert.False(trade.IsOpen);
    }

    [Fact]
    public void OnTick_GapThroughTheTarget_FillsAtTheGapTickNotAtTheLevel()
    {
        var simulator = new TradeSimulator(new SimulatorOptions());
        simulator.OnSignal(Buy());

        var trade = Closed(Feed(simulator, Ticks.Trade("00:01:01", 100m), Ticks.Trade("00:01:02", 105m)));

        Assert.Equal(TradeResult.Win, trade.Result);
        Assert.Equal(105m, trade.ClosePrice);
        Assert.Equal(5.0, trade.MovementPercentage);
    }

    [Fact]
    public void OnTick_GapThroughTheStop_LosesAtTheGapTick()
    {
        var simulator = new TradeSimulator(new SimulatorOptions());
        simulator.OnSignal(Buy());

        var trade = Closed(Feed(simulator, Ticks.Trade("00:01:01", 100m), Ticks.Trade("00:01:02", 96m)));

        Assert.Equal(TradeResult.Loss, trade.Result);
        Assert.Equal(96m, trade.ClosePrice);
        Assert.Equal(-4.0, trade.MovementPercentage);
    }

    [Fact]
    public void OnTick_CandleThatTouchesBothLevels_TheTickThatComesFirstDecides()
    {
        // A one-minute candle from 98.9 to 102.1 touches both levels: a candle-level test could not tell; ticks can.
        var stopFirst = new TradeSimulator(new SimulatorOptions());
        stopFirst.OnSignal(Buy());
        var targetFirst = new TradeSimulator(new SimulatorOptions());
        targetFirst.OnSignal(Buy());

        var lost = Closed(Feed(stopFirst, Ticks.Trade("00:01:01", 100m), Ticks.Trade("00:01:20", 98.9m), Ticks.Trade("00:01:40", 102.1m)));
        var won = Closed(Feed(targetFirst, Ticks.Trade("00:01:01", 100m), Ticks.Trade("00:01:20", 102.1m), Ticks.Trade("00:01:40", 98.9m)));

        Assert.Equal((TradeResult.Loss, 98.9m), (lost.Result, lost.ClosePrice));
        Assert.Equal((TradeResult.Win, 102.1m), (won.Result, won.ClosePrice));
    }

    [Fact]
    public void OnTick_OneGapTickThroughTakeProfitOfOneTradeAndStopOfAnother_ClosesBothAtThatTick()
    {
        var simulator = new TradeSimulator(new SimulatorOptions { MaxOpenTradesPerAsset = 2 });
        simulator.OnSignal(Buy(id: "long"));
        simulator.OnSignal(Sell(id: "short"));

        var events = Feed(simulator, Ticks.Trade("00:01:01", 100m), Ticks.Trade("00:01:02", 103m));

        var closed = events.Where(e => e.Kind == TradeEventKind.Closed).ToList();
        Assert.Equal(["trade:long", "trade:short"], closed.Select(e => e.Trade.Id));
        Assert.All(closed, e => Assert.Equal(1, e.Position));
        Assert.Equal((TradeResult.Win, 3.0), (closed[0].Trade.Result, closed[0].Trade.MovementPercentage));
        Assert.Equal((TradeResult.Loss, -3.0), (closed[1].Trade.Result, closed[1].Trade.MovementPercentage));
    }

    [Fact]
    public void OnTick_FirstTickAfterExpiry_ClosesAtTheExpiryWithTheLastPriceBeforeIt()
    {
        var simulator = new TradeSimulator(new SimulatorOptions { Expiry = TimeSpan.FromMinutes(10) });
        simulator.OnSignal(Buy());

        var events = Feed(
            simulator,
            Ticks.Trade("00:01:00", 100m),
            Ticks.Trade("00:10:59.9999999", 100.5m),
            Ticks.Trade("00:11:07", 100.8m),
            Ticks.Trade("00:11:09", 100.9m));

        var expired = Closed(events);
        Assert.Equal(TradeResult.Expired, expired.Result);
        Assert.Equal((Ticks.At("00:11:00"), 100.5m, 600.0), (expired.CloseTime!.Value, expired.ClosePrice!.Value, expired.DurationSeconds!.Value));
        Assert.Equal(0.5, expired.MovementPercentage!.Value, 12);
        Assert.Equal(2, events[^1].Position); // found by the tick at 00:11:07
    }

    [Fact]
    public void OnTick_TickExactlyAtExpiry_ExpiresBeforeIt()
    {
        var simulator = new TradeSimulator(new SimulatorOptions { Expiry = TimeSpan.FromMinutes(10) });
        simulator.OnSignal(Sell());

        var trade = Closed(Feed(simulator, Ticks.Trade("00:01:00", 100m), Ticks.Trade("00:11:00", 100.5m)));

        Assert.Equal(TradeResult.Expired, trade.Result);
        Assert.Equal((Ticks.At("00:11:00"), 100m), (trade.CloseTime, trade.ClosePrice));
        Assert.Equal(600, trade.DurationSeconds);
        Assert.Equal(0, trade.MovementPercentage);
    }

    [Fact]
    public void OnTick_LevelReachedAtTheExpiry_TooLateTheTradeHasExpired()
    {
        var simulator = new TradeSimulator(new SimulatorOptions { Expiry = TimeSpan.FromMinutes(10) });
        simulator.OnSignal(Buy());

        var trade = Closed(Feed(simulator, Ticks.Trade("00:01:00", 100m), Ticks.Trade("00:11:00", 102.5m)));

        Assert.Equal((TradeResult.Expired, 100m), (trade.Result, trade.ClosePrice));
    }

    [Fact]
    public void OnClock_SilentAssetPastExpiry_ClosesAtTheExpiryWithTheLastKnownPrice()
    {
        var simulator = new TradeSimulator(new SimulatorOptions { Expiry = TimeSpan.FromMinutes(10) });
        simulator.OnSignal(Buy());
        Feed(simulator, Ticks.Trade("00:01:00", 100m), Ticks.Trade("00:05:00", 100.7m));
        var events = new List<TradeEvent>();

        simulator.OnClock(Ticks.At("00:10:59"), 3, events);
        Assert.Empty(events);
        simulator.OnClock(Ticks.At("00:30:00"), 3, events);

        var trade = Closed(events);
        Assert.Equal((TradeResult.Expired, Ticks.At("00:11:00"), 100.7m, 3), (trade.Result, trade.CloseTime, trade.ClosePrice, events[0].Position));
        Assert.Equal(0, simulator.Statistics.OpenTrades);
        Assert.Equal(1, simulator.Statistics.Expired);
    }

    [Fact]
    public void OnClock_ReloadedTradeWithoutTicks_ClosesAtItsExpiryWithTheEntryPrice()
    {
        var reloaded = new Trade("trade:x", "x", "SIM_GONE", SignalType.Sell, 1003.03m, 1010m, 990m, Ticks.At("00:00:30"));
        var simulator = new TradeSimulator(new SimulatorOptions { Expiry = TimeSpan.FromHours(1) }, [reloaded]);
        var events = new List<TradeEvent>();

        simulator.OnClock(Ticks.At("05:00:00"), 0, events);

        var trade = Closed(events);
        Assert.Equal((TradeResult.Expired, Ticks.At("01:00:30"), 1003.03m, 0.0), (trade.Result, trade.CloseTime, trade.ClosePrice, trade.MovementPercentage));
    }

    [Fact]
    public void OnTickAndOnClock_SameStream_GiveTheSameTradesWhateverTheClockReadings()
    {
        Tick[] stream =
        [
            Ticks.Trade("00:01:00", 100m), Ticks.Trade("00:01:00", 50m, symbol: "R_50"),
            Ticks.Trade("00:04:00", 100.3m), Ticks.Trade("00:20:00", 50.2m, symbol: "R_50"),
            Ticks.Trade("00:25:00", 99.1m),
        ];
        Trade[] Run(bool withClock)
        {
            var simulator = new TradeSimulator(new SimulatorOptions { Expiry = TimeSpan.FromMinutes(10) });
            simulator.OnSignal(Buy(asset: "R_100", id: "a"));
            simulator.OnSignal(Buy(entry: 50m, stopLoss: 49m, takeProfit: 52m, asset: "R_50", id: "b"));
            var events = new List<TradeEvent>();
            for (var i = 0; i < stream.Length; i++)
            {
                simulator.OnTick(in stream[i], i, events);
                if (withClock)
                {
                    simulator.OnClock(stream[i].Time, i + 1, events);
                }
            }

            return [.. events.Where(e => e.Kind == TradeEventKind.Closed).Select(e => e.Trade).OrderBy(t => t.Id, StringComparer.Ordinal)];
        }

        var ticksOnly = Run(withClock: false);

        Assert.Equal(2, ticksOnly.Length);
        Assert.Equal(ticksOnly, Run(withClock: true));
    }

    [Fact]
    public void OnSignal_OnlyTradeOfTheAssetHasExpired_TakesTheSignalBeforeAnyTickClosesIt()
    {
        var simulator = new TradeSimulator(new SimulatorOptions { Expiry = TimeSpan.FromMinutes(10) });
        simulator.OnSignal(Buy(id: "first"));
        Feed(simulator, Ticks.Trade("00:01:00", 100m));

        var late = TradingTesting.Signal(SignalType.Buy, 100m, 99m, 102m, Ticks.At("00:12:00"), "R_100", "second");

        Assert.Null(simulator.OnSignal(late));
    }

    [Fact]
    public void OnTick_NoExpiry_StaysOpenUntilALevel()
    {
        var simulator = new TradeSimulator(new SimulatorOptions { Expiry = null });
        simulator.OnSignal(Buy());

        var events = Feed(simulator, Ticks.Trade("00:01:00", 100m), Ticks.Trade(Ticks.Day.AddDays(300), 100.5m));

        Assert.Single(events);
        Assert.Equal(1, simulator.Statistics.OpenTrades);
    }

    [Fact]
    public void OnSignal_OneTradePerAsset_SkipsWhileOpenAndAcceptsAfterTheClose()
    {
        var skipped = new List<(string, SkippedSignalReason)>();
        var simulator = new TradeSimulator(new SimulatorOptions(), onSkipped: (s, r) => skipped.Add((s.Id, r)));
        simulator.OnSignal(Buy(id: "first"));
        Feed(simulator, Ticks.Trade("00:01:01", 100m));

        Assert.Equal(SkippedSignalReason.TooManyOpenTrades, simulator.OnSignal(Sell(id: "second")));
        Feed(simulator, Ticks.Trade("00:01:02", 103m));
        Assert.Null(simulator.OnSignal(Sell(id: "third")));
        var events = Feed(simulator, Ticks.Trade("00:01:03", 103m));

        Assert.Equal("trade:third", Assert.Single(events).Trade.Id);
        Assert.Equal([("second", SkippedSignalReason.TooManyOpenTrades)], skipped);
        Assert.Equal(1, simulator.Statistics.SkippedTooManyOpenTrades);
    }

    [Fact]
    public void OnSignal_PendingSignalCountsTowardsTheLimit()
    {
        var simulator = new TradeSimulator(new SimulatorOptions());

        Assert.Null(simulator.OnSignal(Buy(id: "first")));
        Assert.Equal(SkippedSignalReason.TooManyOpenTrades, simulator.OnSignal(Buy(id: "second")));
    }

    [Fact]
    public void OnSignal_SeveralTradesPerAsset_OpensUpToTheLimit()
    {
        var simulator = new TradeSimulator(new SimulatorOptions { MaxOpenTradesPerAsset = 3 });
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(simulator.OnSignal(Buy(id: $"s{i}")));
        }

        Assert.Equal(SkippedSignalReason.TooManyOpenTrades, simulator.OnSignal(Buy(id: "s3")));
        var events = Feed(simulator, Ticks.Trade("00:01:01", 100m), Ticks.Trade("00:01:02", 102m));

        Assert.Equal(3, events.Count(e => e.Kind == TradeEventKind.Opened));
        Assert.Equal(["trade:s0", "trade:s1", "trade:s2"], events.Where(e => e.Kind == TradeEventKind.Closed).Select(e => e.Trade.Id));
        Assert.Equal(3, simulator.Statistics.Wins);
    }

    [Theory]
    [InlineData(97, TradeResult.Win, 3.0)]
    [InlineData(101.5, TradeResult.Loss, -1.5)]
    public void OnTick_ShortTrade_MovementIsPositiveWhenThePriceFalls(decimal exit, TradeResult result, double movement)
    {
        var simulator = new TradeSimulator(new SimulatorOptions());
        simulator.OnSignal(Sell());

        var trade = Closed(Feed(simulator, Ticks.Trade("00:01:01", 100m), Ticks.Trade("00:01:02", exit)));

        Assert.Equal(result, trade.Result);
        Assert.Equal(movement, trade.MovementPercentage);
        Assert.Equal(SignalType.Sell, trade.Direction);
    }

    [Fact]
    public void OnTick_OtherAssets_NeitherFillNorCloseThisAssetsTrades()
    {
        var simulator = new TradeSimulator(new SimulatorOptions());
        simulator.OnSignal(Buy(asset: "R_100", id: "a"));
        simulator.OnSignal(Buy(entry: 50m, stopLoss: 49m, takeProfit: 51m, asset: "R_50", id: "b"));

        var events = Feed(
            simulator,
            Ticks.Trade("00:01:01", 50m, symbol: "R_50"),
            Ticks.Trade("00:01:02", 30m, symbol: "R_50"),
            Ticks.Trade("00:01:03", 100m, symbol: "R_100"),
            Ticks.Trade("00:01:04", 200m, symbol: "R_50"),
            Ticks.Trade("00:01:05", 100.5m, symbol: "R_100"));

        Assert.Equal(
            [("trade:b", TradeEventKind.Opened, 0), ("trade:b", TradeEventKind.Closed, 1), ("trade:a", TradeEventKind.Opened, 2)],
            events.Select(e => (e.Trade.Id, e.Kind, e.Position)));
        Assert.Equal(100m, events[2].Trade.EntryPrice);
        Assert.Equal(1, simulator.Statistics.OpenTrades);
    }

    [Fact]
    public void Constructor_ReloadedOpenTrades_AreWatchedAndCloseOnTheirLevels()
    {
        var reloaded = new[]
        {
            new Trade("trade:x", "x", "R_100", SignalType.Sell, 100m, 101m, 98m, Ticks.At("00:00:30")),
            new Trade("trade:y", "y", "R_50", SignalType.Buy, 50m, 49m, 52m, Ticks.At("00:00:10")),
        };
        var simulator = new TradeSimulator(new SimulatorOptions { Expiry = TimeSpan.FromMinutes(5) }, reloaded);

        Assert.True(simulator.IsActive);
        Assert.Equal(["trade:y", "trade:x"], simulator.GetOpenTrades().Select(t => t.Id));
        Assert.Equal(SkippedSignalReason.AlreadyTraded, simulator.OnSignal(Sell(id: "x")));
        var events = Feed(simulator, Ticks.Trade("00:01:00", 97.5m), Ticks.Trade("00:05:10", 50.5m, symbol: "R_50"));

        Assert.Equal([("trade:x", TradeResult.Win), ("trade:y", TradeResult.Expired)], events.Select(e => (e.Trade.Id, e.Trade.Result!.Value)));
        Assert.Equal(300, events[1].Trade.DurationSeconds);
        Assert.Equal(2, simulator.Statistics.TradesReloaded);
        Assert.Equal(0, simulator.Statistics.TradesOpened);
        Assert.False(simulator.IsActive);
    }

    [Fact]
    public void Constructor_ReloadedTradeClosedOrRepeatedOrImpossible_Throws()
    {
        var open = new Trade("trade:x", "x", "R_100", SignalType.Buy, 100m, 99m, 102m, Ticks.Day);

        Assert.Contains("closed", Assert.Throws<ArgumentException>(() => new TradeSimulator(new SimulatorOptions(), [open with { Result = TradeResult.Win }])).Message);
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => new TradeSimulator(new SimulatorOptions(), [open, open])).Message);
        Assert.Contains("impossible levels", Assert.Throws<ArgumentException>(() => new TradeSimulator(new SimulatorOptions(), [open with { StopLoss = 101m }])).Message);
    }

    [Fact]
    public void OnSignal_ImpossibleLevels_SkippedAsInvalid()
    {
        var simulator = new TradeSimulator(new SimulatorOptions());

        Assert.Equal(SkippedSignalReason.InvalidSignal, simulator.OnSignal(Buy(stopLoss: 100.5m)));
        Assert.Equal(SkippedSignalReason.InvalidSignal, simulator.OnSignal(Sell(takeProfit: -1m)));
        Assert.Equal(2, simulator.Statistics.SkippedInvalidSignal);
        Assert.Equal(2, simulator.Statistics.SignalsReceived);
    }

    [Fact]
    public void OnTick_TickStampedBeforeTheSignal_NeitherFillsNorCloses()
    {
        var simulator = new TradeSimulator(new SimulatorOptions());
        simulator.OnSignal(Buy());

        var events = Feed(simulator, Ticks.Trade("00:00:59", 100m), Ticks.Trade("00:01:01", 100.2m), Ticks.Trade("00:00:58", 90m));

        var opened = Assert.Single(events);
        Assert.Equal(100.2m, opened.Trade.EntryPrice);
        Assert.Equal(2, simulator.Statistics.LateTicks);
    }

    [Fact]
    public void OnTick_FillMovesAShortsTargetBelowZero_SkipsTheSignal()
    {
        var simulator = new TradeSimulator(new SimulatorOptions());
        simulator.OnSignal(Sell(entry: 100m, stopLoss: 110m, takeProfit: 10m));

        Assert.Empty(Feed(simulator, Ticks.Trade("00:01:01", 80m)));
        Assert.Equal(1, simulator.Statistics.SkippedFillBeyondLevel);
    }

    [Fact]
    public void OnTick_OpenTradeAndQuietLevels_AllocatesNothing()
    {
        var ticks = Enumerable.Range(0, 10_000).Select(i => Ticks.Trade(SignalTime.AddSeconds(2 + i), 100m + ((i % 7) * 0.1m))).ToArray();
        var other = Ticks.Trade("00:01:01", 5m, symbol: "OTHER");
        var events = new List<TradeEvent>(4);
        var allocated = Allocations.Fewest(() =>
        {
            var simulator = new TradeSimulator(new SimulatorOptions { Expiry = null });
            simulator.OnSignal(Buy());
            events.Clear();
            var first = Ticks.Trade("00:01:01", 100m);
            simulator.OnTick(in first, 0, events);
            simulator.OnTick(in ticks[0], 0, events);
            simulator.OnTick(in other, 0, events);
            return Allocations.Of(() =>
            {
                for (var i = 0; i < ticks.Length; i++)
                {
                    simulator.OnTick(in ticks[i], i, events);
                    simulator.OnTick(in other, i, events);
                }
            });
        });

        Assert.Equal(0, allocated);
        Assert.Single(events);
    }

    [Fact]
    public void Options_OutOfRange_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatorOptions { MaxOpenTradesPerAsset = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatorOptions { Expiry = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatorOptions { Expiry = TimeSpan.FromDays(3651) });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatorOptions { LevelAnchor = (TradeLevelAnchor)9 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatorOptions { BoundedCapacity = 0 });
        Assert.Null(new SimulatorOptions { Expiry = null }.Expiry);
    }
}
