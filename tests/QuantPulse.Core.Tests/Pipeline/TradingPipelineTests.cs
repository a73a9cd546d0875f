using System.Text;
using System.Threading.Tasks.Dataflow;
using QuantPulse.Candles;
using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Pipeline;
using QuantPulse.Signals;
using QuantPulse.Simulation;
using QuantPulse.Sources;
using QuantPulse.Sources.Csv;
using QuantPulse.Sources.Simulated;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Pipeline;

/// <summary>The whole chain, source → candles → indicators → signals → simulator, built by the pipeline builder.</summary>
public class TradingPipelineTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private static readonly StrategySpec FastEmaRsi = StrategySpec.EmaRsi(new EmaRsiOptions
    {
        FastPeriod = 3,
        SlowPeriod = 8,
        TrendPeriod = 20,
        RsiPeriod = 7,
    });

    [Fact]
    public async Task WithStrategy_AndUserIndicators_OneIndicatorStageComputesTheUnion()
    {
        var columns = new List<IndicatorColumns>();
        var pipeline = new MarketPipelineBuilder(MarketPipelineTests.FastMarket(600, "SIM_A"))
            .WithIndicators(IndicatorSpec.Ema(20), IndicatorSpec.Atr(10, AtrSeeding.TradingView))
            .WithStrategy(StrategySpec.UtBot(new UtBotOptions { UseHeikinAshi = true }))
            .WithStrategy(FastEmaRsi)
            .OnCandle(c => columns.Add(c.Indicators!.Columns))
            .Build();

        await pipeline.RunAsync().WaitAsync(Timeout);

        Assert.Equal(
            ["IndicatorBlock", "SignalBlock", "SignalBlock"],
            pipeline.Stages.Select(s => s.GetType().Name));
        Assert.Equal(
            ["ema_20", "atr_tv_10", "ha_open", "ha_high", "ha_low", "ha_close", "atr_tv_14", "ema_3", "ema_8", "rsi_7"],
            columns[0]);
    }

    [Fact]
    public void WithStrategy_WithoutIndicators_PutsTheIndicatorStageFirstAndKeepsItThere()
    {
        var custom = new TransformBlock<MarketBatch, MarketBatch>(b => b);
        var pipeline = new MarketPipelineBuilder(MarketPipelineTests.FastMarket(10, "SIM_A"))
            .WithStrategy(StrategySpec.UtBot())
            .AddStage(custom)
            .WithIndicators(IndicatorSpec.Sma(5))
            .WithSimulator()
            .Build();

        Assert.Equal(
            ["IndicatorBlock", "SignalBlock", "TransformBlock`2", "SimulatorBlock"],
            pipeline.Stages.Select(s => s.GetType().Name));
        Assert.Equal(["sma_5", "atr_tv_10", "atr_tv_14"], ((IndicatorBlock)pipeline.Stages[0]).Columns);
    }

    [Fact]
    public void Build_StrategyAfterTheSimulator_Throws()
    {
        var builder = new MarketPipelineBuilder(MarketPipelineTests.FastMarket(10, "SIM_A")).WithSimulator().WithStrategy(StrategySpec.UtBot());

        var ex = Assert.Throws<InvalidOperationException>(builder.Build);
        Assert.Contains("WithStrategy was called after WithSimulator", ex.Message);
    }

    [Fact]
    public void WithSimulator_Twice_Throws()
    {
        var builder = new MarketPipelineBuilder(MarketPipelineTests.FastMarket(10, "SIM_A")).WithSimulator();

        Assert.Throws<InvalidOperationException>(() => builder.WithSimulator());
    }

    [Fact]
    public async Task RunAsync_RecordedFileFastAndPaced_SameSignalsAndTradesByteForByte()
    {
        var path = Path.Combine(Path.GetTempPath(), $"quantpulse-determinism-{Guid.NewGuid():N}.csv");
        try
        {
            await RecordSimulatedMarketAsync(path);

            var fast = await RunAsync(new CsvTickSource(path, Replay(TickPacing.AsFastAsPossible)), clock: null, maxBatchSize: 512);
            var oneByOne = await RunAsync(new CsvTickSource(path, Replay(TickPacing.AsFastAsPossible)), clock: null, maxBatchSize: 1);
            var clock = new ManualTimeProvider(Ticks.Day.AddDays(30));
            var paced = await RunAsync(new CsvTickSource(path, Replay(TickPacing.Paced, speed: 600), clock), clock, maxBatchSize: 512);

            Assert.True(fast.SignalCount >= 10, $"only {fast.SignalCount} signals");
            Assert.True(fast.Closed >= 10, $"only {fast.Closed} closed trades");
            Assert.True(fast.FilledAwayFromTheClose > 0, "every trade filled at its candle's close");
            Assert.Equal(fast.Trades, oneByOne.Trades);
            Assert.Equal(fast.Trades, paced.Trades);
            Assert.Equal(fast.Signals, oneByOne.Signals);
            Assert.Equal(fast.Signals, paced.Signals);

            // The runs really took different paths: other batch boundaries, and candles closed by the clock.
            Assert.True(paced.Batches > fast.Batches * 4, $"paced {paced.Batches} batches, fast {fast.Batches}");
            Assert.True(paced.ClosedByHeartbeat > 0, "no candle was closed by a heartbeat in the paced run");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [ReferenceFact]
    public async Task RunAsync_DerivRecordingFastAndPaced_SameSignalsAndTrades()
    {
        var path = ReferenceData.PathOf("market-data", "deriv", "R_100_2025-04-26_first1236.csv");

        var fast = await RunAsync(new CsvTickSource(path, Replay(TickPacing.AsFastAsPossible, source: TickSources.Deriv)), clock: null, maxBatchSize: 512);
        var clock = new ManualTimeProvider(new DateTimeOffset(2025, 5, 1, 0, 0, 0, TimeSpan.Zero));
        var paced = await RunAsync(new CsvTickSource(path, Replay(TickPacing.Paced, speed: 200, source: TickSources.Deriv), clock), clock, maxBatchSize: 512);

        Assert.True(fast.SignalCount > 0, "the recording raised no signal");
        Assert.True(fast.Opened > 0, "the recording opened no trade");
        Assert.Equal(fast.Trades, paced.Trades);
        Assert.Equal(fast.Signals, paced.Signals);
        Assert.True(paced.Batches > fast.Batches, $"paced {paced.Batches} batches, fast {fast.Batches}");
    }

    /// <summary>Three hours of two simulated symbols, a tick every 3 s each, volatile enough to raise signals.</summary>
    internal static SimulatedMarketSource ThreeHourMarket() => new(new SimulatedSourceOptions
    {
        Symbols = ["SIM_A", "SIM_B"],
        Seed = 42,
        TicksPerSymbol = 3 * 60 * 20,
        TickInterval = TimeSpan.FromSeconds(3),
        StartTime = Ticks.Day,
        Volatility = 2.0,
        Pacing = TickPacing.AsFastAsPossible,
    });

    private static CsvSourceOptions Replay(TickPacing pacing, double speed = 1, string source = TickSources.Simulated) =>
        new() { Pacing = pacing, Speed = speed, Source = source };

    // The three-hour market, with three quiet stretches of 12 minutes in which no tick arrives.
    private static async Task RecordSimulatedMarketAsync(string path)
    {
        var source = ThreeHourMarket();
        await using var writer = CsvTickWriter.Create(path);
        await foreach (var tick in source.ReadAsync())
        {
            var minute = (int)(tick.Time - Ticks.Day).TotalMinutes;
            if (minute % 60 is < 40 or >= 52)
            {
                writer.Write(tick);
            }
        }
    }

    private static async Task<RunResult> RunAsync(ITickSource source, ManualTimeProvider? clock, int maxBatchSize)
    {
        var trades = new StringBuilder();
        var signals = new List<Signal>();
        int batches = 0, heartbeatCandles = 0, previousAtEnd = 0, opened = 0, closed = 0, awayFromClose = 0;
        var pipeline = new MarketPipelineBuilder(source)
            .WithOptions(new MarketPipelineOptions
            {
                MaxBatchSize = maxBatchSize,
                CloseCandlesAtEnd = true,
                HeartbeatInterval = TimeSpan.FromMilliseconds(50),
                TimeProvider = clock ?? TimeProvider.System,
            })
            .WithCandles(new CandleBlockOptions { Timeframes = [Timeframe.OneMinute, Timeframe.FiveMinutes] })
            .WithStrategy(StrategySpec.UtBot(new UtBotOptions { AtrPeriod = 5 }), new SignalBlockOptions { RiskReward = new RiskRewardOptions { AtrPeriod = 5, MinRiskReward = 1 } })
            .WithStrategy(FastEmaRsi, new SignalBlockOptions { RiskReward = new RiskRewardOptions { AtrPeriod = 5 } })
            .WithSimulator(new SimulatorOptions { MaxOpenTradesPerAsset = 2, Expiry = TimeSpan.FromMinutes(20) })
            .OnBatch((batch, _) =>
            {
                batches++;
                // Candles after every tick of their batch were closed by a heartbeat, except in the last batch,
                // where the end of the recording closes the buckets still forming.
                heartbeatCandles += previousAtEnd;
                previousAtEnd = batch.Candles.Count(c => c.Position == batch.Ticks.Length);
                signals.AddRange(batch.Signals.Select(r => r.Signal));
                foreach (var (trade, kind, _) in batch.Trades)
                {
                    opened += kind == TradeEventKind.Opened ? 1 : 0;
                    closed += kind == TradeEventKind.Closed ? 1 : 0;
                    awayFromClose += kind == TradeEventKind.Opened && trade.EntryPrice != signals.First(s => s.Id == trade.SignalId).Entry ? 1 : 0;
                    trades.Append(kind == TradeEventKind.Opened ? "open " : "close ").AppendLine(TradingTesting.Json(trade));
                }

                return ValueTask.CompletedTask;
            })
            .Build();

        var run = pipeline.RunAsync();
        if (clock is not null)
        {
            await clock.AdvanceUntilAsync(run, TimeSpan.FromMilliseconds(20));
        }

        await run.WaitAsync(Timeout);

        // Trade events keep stream order (they happen at ticks). Signals of different series may close in another
        // order when the clock closes their candles instead of their next ticks, so they are listed by time and ID.
        var signalText = string.Join('\n', signals
            .OrderBy(s => s.Timestamp.UtcTicks).ThenBy(s => s.Id, StringComparer.Ordinal).Select(TradingTesting.Json));
        return new RunResult(signalText, trades.ToString(), signals.Count, batches, heartbeatCandles, opened, closed, awayFromClose);
    }

    private sealed record RunResult(
        string Signals, string Trades, int SignalCount, int Batches, int ClosedByHeartbeat, int Opened, int Closed, int FilledAwayFromTheClose);
}
