using System.Threading.Tasks.Dataflow;
using Microsoft.Extensions.Logging;
using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Signals;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Signals;

public class SignalBlockTests
{
    // A buy on every candle that closes above 100, with nothing to confirm.
    private static readonly StrategySpec AboveHundred = StrategySpec.Of(
        "above-100",
        c => c.Candle.Close > 100m ? c.CreateSignal(SignalType.Buy, [new SignalConfirmation("close_above_100", true, "scripted")]) : null);

    private static readonly Tick[] ThreeTicks =
    [
        Ticks.Trade("00:01:00", 101m),
        Ticks.Trade("00:01:30", 102m),
        Ticks.Trade("00:02:00", 103m),
    ];

    private static ClosedCandle Closed(Candle candle, int position, params (string Name, double? Value)[] values) =>
        new(candle, position) { Indicators = TradingTesting.Values(values) };

    [Fact]
    public async Task SendAsync_CandlesRaisingSignals_AddsThemAtTheCandlePositions()
    {
        var block = new SignalBlock(AboveHundred, TradingTesting.PercentLevels());
        var batch = new MarketBatch(ThreeTicks, [Closed(TradingTesting.Minute(0, 101m), 0), Closed(TradingTesting.Minute(1, 99m), 2), Closed(TradingTesting.Minute(0, 105m, "R_50"), 3)]);

        var output = Assert.Single(await TradingTesting.RunAsync(block, [batch]));

        Assert.Equal([0, 3], output.Signals.Select(s => s.Position));
        Assert.Equal(["R_100", "R_50"], output.Signals.Select(s => s.Signal.Asset));
        Assert.Equal(ThreeTicks, output.Ticks.ToArray());
        Assert.Same(batch.Candles, output.Candles);
        Assert.Equal(new SignalStatistics { CandlesEvaluated = 3, SignalsRaised = 2 }, block.Statistics);
        Assert.Equal(2, block.SeriesCount);
    }

    [Fact]
    public async Task SendAsync_BatchWithoutCandles_PassesTheSameInstance()
    {
        var block = new SignalBlock(AboveHundred, TradingTesting.PercentLevels());
        var batch = new MarketBatch(ThreeTicks, []);

        var output = Assert.Single(await TradingTesting.RunAsync(block, [batch]));

        Assert.Same(batch, output);
    }

    [Fact]
    public async Task SendAsync_RatioBelowMinimum_DropsCountsAndLogsTheReason()
    {
        var logger = new ListLogger<SignalBlock>();
        var options = new SignalBlockOptions { RiskReward = new RiskRewardOptions { StopLossAtr = 2, TakeProfitAtr = 1, MinRiskReward = 1.5 } };
        var block = new SignalBlock(AboveHundred, options, logger);
        var batch = new MarketBatch(ThreeTicks, [Closed(TradingTesting.Minute(0, 101m), 0, ("atr_tv_14", 0.5))]);

        var output = Assert.Single(await TradingTesting.RunAsync(block, [batch]));

        Assert.Empty(output.Signals);
        Assert.Equal(1, block.Statistics.DroppedBelowMinimumRiskReward);
        Assert.Equal(1, block.Statistics.Dropped(SignalRejection.BelowMinimumRiskReward));
        Assert.Equal(1, block.Statistics.TotalDropped);
        Assert.Equal(0, block.Statistics.SignalsRaised);
        var (level, eventId, message) = Assert.Single(logger.Entries, e => e.EventId.Id == 4002);
        Assert.Equal(LogLevel.Information, level);
        Assert.Equal("SignalDropped", eventId.Name);
        Assert.Contains("dropped (BelowMinimumRiskReward)", message);
        Assert.Contains("rr 0.5 (minimum 1.5)", message);
    }

    [Theory]
    [InlineData(0.0, SignalRejection.NoRisk)]    // a flat market: zero ATR, no distance
    [InlineData(null, SignalRejection.NoRisk)]   // the ATR still warming up
    [InlineData(50.0, SignalRejection.InvalidLevels)] // a stop 3 × 50 below a close of 101 falls under zero
    public async Task SendAsync_LevelsThatCannotBePlaced_DroppedWithTheirReason(double? atr, SignalRejection expected)
    {
        var options = new SignalBlockOptions { RiskReward = new RiskRewardOptions { StopLossAtr = atr == 50.0 ? 3 : 1.5 } };
        var block = new SignalBlock(AboveHundred, options);
        var batch = new MarketBatch(ThreeTicks, [Closed(TradingTesting.Minute(0, 101m), 0, ("atr_tv_14", atr))]);

        var output = Assert.Single(await TradingTesting.RunAsync(block, [batch]));

        Assert.Empty(output.Signals);
        Assert.Equal(1, block.Statistics.Dropped(expected));
    }

    [Fact]
    public async Task SendAsync_CustomSignalWithStopAboveBuyEntry_DroppedAsInvalidLevels()
    {
        var wrong = StrategySpec.Of("wrong-side", c => TradingTesting.Signal(SignalType.Buy, 100m, 101m, 103m, c.Candle.CloseTime));
        var block = new SignalBlock(wrong, TradingTesting.PercentLevels());
        var batch = new MarketBatch(ThreeTicks, [Closed(TradingTesting.Minute(0, 101m), 0)]);

        var output = Assert.Single(await TradingTesting.RunAsync(block, [batch]));

        Assert.Empty(output.Signals);
        Assert.Equal(1, block.Statistics.DroppedInvalidLevels);
    }

    [Fact]
    public async Task SendAsync_ConfidenceBelowMinimum_DroppedAndCounted()
    {
        var halfSure = StrategySpec.Of(
            "half-sure",
            c => c.CreateSignal(SignalType.Sell, [new("trigger", true, "t"), new("confirmation", false, "c")]));
        var options = TradingTesting.PercentLevels();
        var block = new SignalBlock(halfSure, new SignalBlockOptions { RiskReward = options.RiskReward, MinConfidence = 0.6 });
        var batch = new MarketBatch(ThreeTicks, [Closed(TradingTesting.Minute(0, 101m), 0)]);

        var output = Assert.Single(await TradingTesting.RunAsync(block, [batch]));

        Assert.Empty(output.Signals);
        Assert.Equal(1, block.Statistics.DroppedBelowMinimumConfidence);
    }

    [Fact]
    public async Task SendAsync_SignalRaised_LogsOneStructuredEntryWithEveryField()
    {
        var logger = new ListLogger<SignalBlock>();
        var block = new SignalBlock(AboveHundred, TradingTesting.PercentLevels(), logger);
        var batch = new MarketBatch(ThreeTicks, [Closed(TradingTesting.Minute(0, 101m), 0)]);

        await TradingTesting.RunAsync(block, [batch]);

        var index = logger.Entries.ToList().FindIndex(e => e.EventId.Id == 4001);
        Assert.Equal("SignalRaised", logger.Entries[index].EventId.Name);
        var state = logger.States[index];
        Assert.Equal("above-100:R_100:1m:20240102T000000Z", state["SignalId"]);
        Assert.Equal("above-100", state["Strategy"]);
        Assert.Equal("BUY", state["Type"]);
        Assert.Equal("R_100", state["Asset"]);
        Assert.Equal("1m", state["Timeframe"]);
        Assert.Equal("2024-01-02T00:01:00.000Z", state["Timestamp"]); // ISO-8601 UTC, as the JSON console writes it
        Assert.Equal(101m, state["Entry"]);
        Assert.Equal(99.99m, state["StopLoss"]);
        Assert.Equal(103.02m, state["TakeProfit"]);
        Assert.Equal(2.0, state["RrRatio"]);
        Assert.Equal(1.0, state["Confidence"]);
        Assert.Equal("+close_above_100", state["Confirmations"]);
    }

    [Fact]
    public async Task SendAsync_StrategyThrows_FaultsTheBlockWithThatException()
    {
        var boom = new InvalidOperationException("strategy bug");
        var block = new SignalBlock(StrategySpec.Of("throws", _ => throw boom), TradingTesting.PercentLevels());

        await block.SendAsync(new MarketBatch(ThreeTicks, [Closed(TradingTesting.Minute(0, 101m), 0)]));

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => block.Completion.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Same(boom, thrown);
    }

    [Fact]
    public async Task SendAsync_CandleWithoutTheNeededColumns_FaultsWithAWiringError()
    {
        var block = new SignalBlock(StrategySpec.UtBot());

        await block.SendAsync(new MarketBatch(ThreeTicks, [Closed(TradingTesting.Minute(0, 101m), 0, ("ema_20", 1.0))]));

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => block.Completion.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("needs the indicator columns atr_tv_10, atr_tv_14", thrown.Message);
    }

    [Fact]
    public async Task SendAsync_NoIndicatorStageAndNoneNeeded_EvaluatesTheCandles()
    {
        var block = new SignalBlock(AboveHundred, TradingTesting.PercentLevels());

        var output = Assert.Single(await TradingTesting.RunAsync(block, [new MarketBatch(ThreeTicks, [new ClosedCandle(TradingTesting.Minute(0, 101m), 1)])]));

        Assert.Equal(1, Assert.Single(output.Signals).Position);
    }

    [Fact]
    public async Task SendAsync_TwoSignalStages_MergeTheirSignalsInPositionOrder()
    {
        var everySell = StrategySpec.Of("every-sell", c => c.CreateSignal(SignalType.Sell, [new("trigger", true, "t")]));
        var first = new SignalBlock(AboveHundred, TradingTesting.PercentLevels());
        var second = new SignalBlock(everySell, TradingTesting.PercentLevels());
        first.LinkTo(second, new() { PropagateCompletion = true });
        var batch = new MarketBatch(ThreeTicks, [Closed(TradingTesting.Minute(0, 101m), 1), Closed(TradingTesting.Minute(1, 99m), 2)]);

        await first.SendAsync(batch);
        first.Complete();
        var output = await second.ReceiveAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([(1, "above-100"), (1, "every-sell"), (2, "every-sell")], output.Signals.Select(s => (s.Position, s.Signal.Strategy)));
    }

    [Fact]
    public async Task SendAsync_InterleavedSeries_EqualsEachSeriesAloneThroughTheBatchHelper()
    {
        var a = TestCandles.RandomWalk(400, seed: 11, start: 1000m, symbol: "SIM_A", timeframe: Timeframe.OneMinute);
        var b = TestCandles.RandomWalk(400, seed: 12, start: 50m, symbol: "SIM_B", timeframe: Timeframe.OneMinute);
        var c = TestCandles.RandomWalk(80, seed: 13, start: 50m, symbol: "SIM_B", timeframe: Timeframe.FiveMinutes);
        Candle[] interleaved = [.. a.Concat(b).Concat(c).OrderBy(x => x.CloseTime).ThenBy(x => x.Symbol, StringComparer.Ordinal)];
        foreach (var strategy in new[] { StrategySpec.UtBot(new UtBotOptions { UseHeikinAshi = true }), StrategySpec.EmaRsi() })
        {
            var indicators = new IndicatorBlock(new IndicatorBlockOptions { Indicators = SignalEngine.IndicatorsFor(strategy, new RiskRewardOptions()) });
            var signals = new SignalBlock(strategy);
            indicators.LinkTo(signals, new() { PropagateCompletion = true });
            var batches = interleaved.Chunk(13).Select(chunk => new MarketBatch(ReadOnlyMemory<Tick>.Empty, [.. chunk.Select(x => new ClosedCandle(x, 0))]));

            var streamed = (await TradingTesting.RunAsync(DataflowBlock.Encapsulate(indicators, signals), batches)).SelectMany(x => x.Signals).Select(x => x.Signal).ToList();

            Signal[] alone = [.. a.ToSignals(strategy).Concat(b.ToSignals(strategy)).Concat(c.ToSignals(strategy))];
            Assert.True(alone.Length >= 10, $"{strategy.Id}: only {alone.Length} signals");
            Assert.Equal(
                alone.OrderBy(x => x.Id, StringComparer.Ordinal).Select(TradingTesting.Json),
                streamed.OrderBy(x => x.Id, StringComparer.Ordinal).Select(TradingTesting.Json));
        }
    }

    [Fact]
    public void Options_OutOfRange_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SignalBlockOptions { MinConfidence = 1.1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SignalBlockOptions { MinConfidence = double.NaN });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SignalBlockOptions { BoundedCapacity = 0 });
        Assert.Throws<ArgumentNullException>(() => new SignalBlockOptions { RiskReward = null! });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RiskRewardOptions { StopLossMode = (RiskLevelMode)7 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RiskRewardOptions { TakeProfitPercent = 100 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RiskRewardOptions { MinRiskReward = -1 });
    }
}
