using System.Threading.Tasks.Dataflow;
using QuantPulse.Candles;
using QuantPulse.Model;
using QuantPulse.Pipeline;
using QuantPulse.Signals;
using QuantPulse.Simulation;
using QuantPulse.Sources;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Pipeline;

/// <summary>The stages run on the caller's thread must give what the Dataflow pipeline gives on the same ticks.</summary>
public class SynchronousMarketPipelineTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Theory]
    [InlineData(1)]
    [InlineData(97)]
    [InlineData(4096)]
    public async Task Process_AnyBatching_SameCandlesSignalsTradesAndCountersAsTheDataflowPipeline(int batchSize)
    {
        var ticks = await MarketWithBadTicksAsync();
        var dataflow = await RunDataflowAsync(ticks);

        var pipeline = Trading(new ScriptedTickSource()).BuildSynchronous();
        var run = new Recorded();
        for (var at = 0; at < ticks.Length; at += batchSize)
        {
            var batch = ticks.AsMemory(at, Math.Min(batchSize, ticks.Length - at));
            run.Add(pipeline.Process(batch));
        }

        run.Add(pipeline.Complete());

        Assert.True(dataflow.Signals.Count >= 10, $"only {dataflow.Signals.Count} signals");
        Assert.True(dataflow.Trades.Count >= 10, $"only {dataflow.Trades.Count} trade events");
        Assert.Equal(dataflow.Candles, run.Candles);
        Assert.Equal(dataflow.Signals, run.Signals);
        Assert.Equal(dataflow.Trades, run.Trades);
        Assert.Equal(dataflow.Statistics, Counters(pipeline.Candles.Statistics, pipeline.Stages));
        Assert.True(pipeline.Candles.Statistics.InvalidTicks > 0 && pipeline.Candles.Statistics.LateTicks > 0, "no bad tick was counted");
        await pipeline.Candles.Completion.WaitAsync(Timeout);
    }

    [Fact]
    public void Process_AfterComplete_Throws()
    {
        var pipeline = Trading(new ScriptedTickSource()).BuildSynchronous();
        pipeline.Complete();

        Assert.Throws<InvalidOperationException>(() => pipeline.Process(ReadOnlyMemory<Tick>.Empty));
        Assert.Throws<InvalidOperationException>(() => pipeline.Complete());
    }

    [Fact]
    public void BuildSynchronous_WithAConsumer_Throws()
    {
        var builder = Trading(new ScriptedTickSource()).OnBatch(_ => { });

        var ex = Assert.Throws<InvalidOperationException>(builder.BuildSynchronous);
        Assert.Contains("no consumers", ex.Message);
    }

    [Fact]
    public void BuildSynchronous_AStageWithoutASynchronousCore_Throws()
    {
        var builder = new MarketPipelineBuilder(new ScriptedTickSource()).AddStage(new TransformBlock<MarketBatch, MarketBatch>(b => b));

        var ex = Assert.Throws<InvalidOperationException>(builder.BuildSynchronous);
        Assert.Contains("has no synchronous core", ex.Message);
    }

    private static MarketPipelineBuilder Trading(ITickSource source) => new MarketPipelineBuilder(source)
        .WithOptions(new MarketPipelineOptions { CloseCandlesAtEnd = true, TimeProvider = StoppedClock.Instance })
        .WithCandles(new CandleBlockOptions { Timeframes = [Timeframe.OneMinute, Timeframe.FiveMinutes] })
        .WithStrategy(StrategySpec.EmaRsi(new EmaRsiOptions { FastPeriod = 3, SlowPeriod = 8, TrendPeriod = 20, RsiPeriod = 7 }), new SignalBlockOptions { RiskReward = new RiskRewardOptions { AtrPeriod = 5 } })
        .WithStrategy(StrategySpec.UtBot(new UtBotOptions { AtrPeriod = 5 }), new SignalBlockOptions { RiskReward = new RiskRewardOptions { AtrPeriod = 5, MinRiskReward = 1 } })
        .WithSimulator(new SimulatorOptions { MaxOpenTradesPerAsset = 2, Expiry = TimeSpan.FromMinutes(20) });

    // The three-hour market of TradingPipelineTests, with an invalid tick (a negative price) and a late one (two minutes old)
    // every 500 ticks.
    private static async Task<Tick[]> MarketWithBadTicksAsync()
    {
        var source = TradingPipelineTests.ThreeHourMarket();
        var ticks = new List<Tick>();
        await foreach (var tick in source.ReadAsync())
        {
            ticks.Add(tick);
            if (ticks.Count % 500 == 0)
            {
                ticks.Add(tick with { Price = -tick.Price });
                ticks.Add(tick with { Time = tick.Time.AddMinutes(-2) });
            }
        }

        return [.. ticks];
    }

    private static async Task<Recorded> RunDataflowAsync(Tick[] ticks)
    {
        var source = new ScriptedTickSource();
        source.Write(ticks);
        source.End();
        var run = new Recorded();
        var pipeline = Trading(source).OnBatch(run.Add).Build();
        await pipeline.RunAsync().WaitAsync(Timeout);
        run.Statistics = Counters(pipeline.Candles.Statistics, pipeline.Stages);
        return run;
    }

    // The candle counters without heartbeats (the Dataflow pump sends its stopped clock's reading at the end; it closes nothing).
    private static string Counters(CandleStatistics candles, IEnumerable<object> stages) => string.Join(
        "\n",
        [
            TradingTesting.Json(candles with { Heartbeats = 0 }),
            .. stages.OfType<SignalBlock>().Select(s => TradingTesting.Json(s.Statistics)),
            .. stages.OfType<SimulatorBlock>().Select(s => TradingTesting.Json(s.Statistics)),
        ]);

    private static string Values(IndicatorValues? values) =>
        values is null ? "-" : string.Join(",", Enumerable.Range(0, values.Count).Select(i => values.Columns[i] + "=" + TradingTesting.Json(values[i])));

    private sealed class Recorded
    {
        public List<string> Candles { get; } = [];

        public List<string> Signals { get; } = [];

        public List<string> Trades { get; } = [];

        public string Statistics { get; set; } = string.Empty;

        public void Add(MarketBatch batch)
        {
            Candles.AddRange(batch.Candles.Select(c => TradingTesting.Json(c.Candle) + " " + Values(c.Indicators)));
            Signals.AddRange(batch.Signals.Select(s => TradingTesting.Json(s.Signal)));
            Trades.AddRange(batch.Trades.Select(e => e.Kind + " " + TradingTesting.Json(e.Trade)));
        }
    }
}
