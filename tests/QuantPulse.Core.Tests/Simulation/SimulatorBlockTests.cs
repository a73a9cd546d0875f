using QuantPulse.Model;
using QuantPulse.Simulation;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Simulation;

public class SimulatorBlockTests
{
    private static readonly DateTimeOffset SignalTime = Ticks.At("00:01:00");

    private static Signal Buy(string id = "s1", string asset = "R_100") =>
        TradingTesting.Signal(SignalType.Buy, 100m, 99m, 102m, SignalTime, asset, id);

    [Fact]
    public async Task SendAsync_SignalInsideTheBatch_OpensAtTheFirstTickOfItsAssetAfterItsPosition()
    {
        var block = new SimulatorBlock();
        Tick[] ticks =
        [
            Ticks.Trade("00:00:59", 99.9m),
            Ticks.Trade("00:01:00", 50m, symbol: "R_50"),
            Ticks.Trade("00:01:01", 100.2m),
            Ticks.Trade("00:01:02", 103m),
        ];
        var batch = new MarketBatch(ticks, [], [new RaisedSignal(Buy(), 1)], []);

        var output = Assert.Single(await TradingTesting.RunAsync(block, [batch]));

        Assert.Equal([(TradeEventKind.Opened, 2, 100.2m), (TradeEventKind.Closed, 3, 103m)], output.Trades.Select(e => (e.Kind, e.Position, e.Kind == TradeEventKind.Opened ? e.Trade.EntryPrice : e.Trade.ClosePrice!.Value)));
        Assert.Same(batch.Signals, output.Signals);
        Assert.Equal(1, block.Statistics.Wins);
    }

    [Fact]
    public async Task SendAsync_SignalAfterEveryTick_OpensInTheNextBatch()
    {
        var block = new SimulatorBlock();
        var first = new MarketBatch(new[] { Ticks.Trade("00:00:59", 99.9m) }, [], [new RaisedSignal(Buy(), 1)], [], SignalTime);
        var second = new MarketBatch(new[] { Ticks.Trade("00:01:00", 60m, symbol: "R_50"), Ticks.Trade("00:01:00.2", 100.1m) }, []);

        var output = await TradingTesting.RunAsync(block, [first, second]);

        Assert.Empty(output[0].Trades);
        var opened = Assert.Single(output[1].Trades);
        Assert.Equal((1, 100.1m), (opened.Position, opened.Trade.EntryPrice));
    }

    [Fact]
    public async Task SendAsync_HeartbeatPastTheExpiryOfAReloadedTradeWithoutTicks_ClosesItAsExpired()
    {
        // A trade reloaded after a restart whose asset no longer gets ticks: only the clock can close it.
        var reloaded = new Trade("trade:x", "x", "SIM_V100", SignalType.Sell, 1003.03m, 1010m, 990m, Ticks.At("00:00:30"));
        var block = new SimulatorBlock(new SimulatorOptions { Expiry = TimeSpan.FromHours(1) }, [reloaded]);
        var quiet = new MarketBatch(new[] { Ticks.Trade("00:30:00", 60m, symbol: "R_50") }, [], Ticks.At("00:30:00"));
        var later = new MarketBatch(ReadOnlyMemory<Tick>.Empty, [], Ticks.At("01:00:31"));

        var output = await TradingTesting.RunAsync(block, [quiet, later]);

        Assert.Empty(output[0].Trades);
        var closed = Assert.Single(output[1].Trades);
        Assert.Equal(
            (TradeEventKind.Closed, TradeResult.Expired, Ticks.At("01:00:30"), 1003.03m),
            (closed.Kind, closed.Trade.Result, closed.Trade.CloseTime, closed.Trade.ClosePrice));
        Assert.Empty(block.GetOpenTrades());
    }

    [Fact]
    public async Task SendAsync_NothingToDo_PassesTheSameInstance()
    {
        var block = new SimulatorBlock();
        var batch = new MarketBatch(new[] { Ticks.Trade("00:00:59", 99.9m) }, []);

        Assert.Same(batch, Assert.Single(await TradingTesting.RunAsync(block, [batch])));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100)]
    public async Task SendAsync_AnyBatching_GivesTheSameTradesAsOneBatch(int batchSize)
    {
        var (ticks, signals) = RandomStream(seed: 5, count: 3000);
        var options = new SimulatorOptions { MaxOpenTradesPerAsset = 2, Expiry = TimeSpan.FromMinutes(15) };

        var whole = await RunInBatchesAsync(new SimulatorBlock(options), ticks, signals, ticks.Length);
        var cut = await RunInBatchesAsync(new SimulatorBlock(options), ticks, signals, batchSize);

        Assert.True(whole.Count(e => e.Event.Kind == TradeEventKind.Closed) >= 20, $"only {whole.Count} events");
        Assert.Equal(whole.Select(e => (e.Index, TradingTesting.Json(e.Event.Trade))), cut.Select(e => (e.Index, TradingTesting.Json(e.Event.Trade))));
    }

    [Fact]
    public async Task Constructor_ReloadedTrades_WatchedLoggedAndListedUntilTheyClose()
    {
        var logger = new ListLogger<SimulatorBlock>();
        var reloaded = new Trade("trade:old", "old", "R_100", SignalType.Buy, 100m, 99m, 102m, Ticks.At("00:00:10"));
        var block = new SimulatorBlock(new SimulatorOptions(), [reloaded], logger);

        Assert.Equal([reloaded], block.GetOpenTrades());
        Assert.Contains(logger.Entries, e => e.EventId.Id == 5004 && e.Message == "1 open trades reloaded and watched again");
        var output = await TradingTesting.RunAsync(block, [new MarketBatch(new[] { Ticks.Trade("00:01:00", 98.5m) }, [])]);

        var closed = Assert.Single(Assert.Single(output).Trades);
        Assert.Equal((TradeEventKind.Closed, TradeResult.Loss), (closed.Kind, closed.Trade.Result!.Value));
        Assert.Empty(block.GetOpenTrades());
        Assert.Equal(1, block.Statistics.TradesReloaded);
        Assert.Equal(1, block.Statistics.Losses);
    }

    [Fact]
    public async Task SendAsync_TradeOpenedAndClosed_LogsStructuredEvents()
    {
        var logger = new ListLogger<SimulatorBlock>();
        var block = new SimulatorBlock(null, null, logger);
        var batch = new MarketBatch(
            new[] { Ticks.Trade("00:01:01", 100m), Ticks.Trade("00:01:31", 98m) }, [], [new RaisedSignal(Buy(), 0), new RaisedSignal(Buy("s2"), 1)], []);

        await TradingTesting.RunAsync(block, [batch]);

        var opened = logger.States[logger.Entries.ToList().FindIndex(e => e.EventId.Id == 5001)];
        Assert.Equal("trade:s1", opened["TradeId"]);
        Assert.Equal("BUY", opened["Direction"]);
        Assert.Equal(100m, opened["EntryPrice"]);
        var closed = logger.States[logger.Entries.ToList().FindIndex(e => e.EventId.Id == 5002)];
        Assert.Equal(TradeResult.Loss, closed["Result"]);
        Assert.Equal(98m, closed["ClosePrice"]);
        Assert.Equal(-2.0, closed["MovementPercentage"]);
        Assert.Equal(30.0, closed["DurationSeconds"]);
        var skipped = Assert.Single(logger.Entries, e => e.EventId.Id == 5003);
        Assert.Contains("Signal s2 opened no trade (TooManyOpenTrades)", skipped.Message);
    }

    // Ticks of two assets (irregular, some out of order) and, every ~40 ticks, a signal on the asset of the
    // last tick with levels around its price.
    private static (Tick[] Ticks, RaisedSignal[] Signals) RandomStream(int seed, int count)
    {
        var ticks = Ticks.RandomWalk(seed, count, Ticks.Day, "SIM_A", "SIM_B");
        var random = new Random(seed);
        var signals = new List<RaisedSignal>();
        for (var i = 1; i < ticks.Length; i++)
        {
            if (random.Next(40) != 0)
            {
                continue;
            }

            var last = ticks[i - 1];
            var type = random.Next(2) == 0 ? SignalType.Buy : SignalType.Sell;
            var risk = 0.5m + (random.Next(10) * 0.1m);
            var sign = type == SignalType.Buy ? 1 : -1;
            signals.Add(new RaisedSignal(
                TradingTesting.Signal(type, last.Price, last.Price - (sign * risk), last.Price + (sign * 2 * risk), last.Time, last.Symbol, $"sig{i}"),
                i));
        }

        return (ticks, [.. signals]);
    }

    private static async Task<List<(int Index, TradeEvent Event)>> RunInBatchesAsync(SimulatorBlock block, Tick[] ticks, RaisedSignal[] signals, int size)
    {
        var batches = new List<MarketBatch>();
        var offsets = new List<int>();
        for (var start = 0; start < ticks.Length; start += size)
        {
            var end = Math.Min(start + size, ticks.Length);
            var last = end == ticks.Length;

            // A signal at a cut belongs to the batch that holds the tick after it.
            RaisedSignal[] inside = [.. signals
                .Where(s => s.Position >= start && (s.Position < end || (last && s.Position == end)))
                .Select(s => s with { Position = s.Position - start })];
            batches.Add(new MarketBatch(ticks.AsMemory(start, end - start), [], inside, []));
            offsets.Add(start);
        }

        var output = await TradingTesting.RunAsync(block, batches);
        return [.. output.SelectMany((b, i) => b.Trades.Select(e => (offsets[i] + e.Position, e)))];
    }
}
