using System.Threading.Tasks.Dataflow;
using QuantPulse.Candles;
using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Pipeline;
using QuantPulse.Sources;
using QuantPulse.Sources.Simulated;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Pipeline;

public class MarketPipelineTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    internal static SimulatedMarketSource FastMarket(int ticksPerSymbol, params string[] symbols) => new(new SimulatedSourceOptions
    {
        Symbols = symbols,
        Seed = 7,
        TicksPerSymbol = ticksPerSymbol,
        TickInterval = TimeSpan.FromSeconds(2),
        StartTime = Ticks.Day,
        Pacing = TickPacing.AsFastAsPossible,
    });

    [Fact]
    public async Task RunAsync_FiniteSource_DeliversEveryTickAndTheSameCandlesAsTheBuilderOracle()
    {
        var source = FastMarket(5_000, "SIM_A", "SIM_B");
        var ticks = new List<Tick>();
        var candles = new List<Candle>();
        var pipeline = new MarketPipelineBuilder(source)
            .WithCandles(new CandleBlockOptions { Timeframes = [Timeframe.OneMinute, Timeframe.FiveMinutes] })
            .OnBatch((batch, _) =>
            {
                ticks.AddRange(batch.Ticks.ToArray());
                candles.AddRange(batch.Candles.Select(c => c.Candle));
                return ValueTask.CompletedTask;
            })
            .Build();

        await pipeline.RunAsync().WaitAsync(Timeout);

        var expectedTicks = await ReadAllAsync(FastMarket(5_000, "SIM_A", "SIM_B"));
        Assert.Equal(expectedTicks, ticks);
        foreach (var tf in new[] { Timeframe.OneMinute, Timeframe.FiveMinutes })
        {
            foreach (var symbol in new[] { "SIM_A", "SIM_B" })
            {
                // The oracle groups every tick; the last bucket of each series is still forming and not emitted.
                var expected = CandleOracle.FromTicks(expectedTicks.Where(t => t.Symbol == symbol), tf).SkipLast(1);
                var actual = candles.Where(c => c.Symbol == symbol && c.Timeframe == tf);
                Assert.Equal(expected, actual);
            }
        }

        Assert.True(pipeline.Completion.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task RunAsync_WithIndicators_StreamingEqualsTheBatchHelpersExactly()
    {
        var candles = new List<ClosedCandle>();
        var pipeline = new MarketPipelineBuilder(FastMarket(20_000, "SIM_A", "SIM_B"))
            .WithCandles(new CandleBlockOptions { Timeframes = [Timeframe.OneMinute, Timeframe.FiveMinutes] })
            .WithIndicators(IndicatorSpec.Ema(20), IndicatorSpec.Rsi(14), IndicatorSpec.Atr(14), IndicatorSpec.Macd(12, 26, 9))
            .OnCandle(candles.Add)
            .Build();

        await pipeline.RunAsync().WaitAsync(Timeout);

        foreach (var series in candles.GroupBy(c => (c.Candle.Symbol, c.Candle.Timeframe)))
        {
            var bars = series.Select(c => c.Candle).ToList();
            Assert.True(bars.Count > 60);
            var ema = bars.ToEma(20);
            var rsi = bars.ToRsi(14);
            var atr = bars.ToAtr(14);
            var macd = bars.ToMacd(12, 26, 9);
            var i = 0;
            foreach (var c in series)
            {
                Assert.Equal(ema[i].Value, c.Indicators!["ema_20"]);
                Assert.Equal(rsi[i].Value, c.Indicators["rsi_14"]);
                Assert.Equal(atr[i].Value, c.Indicators["atr_14"]);
                Assert.Equal(macd[i].Value?.Macd, c.Indicators["macd_12_26_9"]);
                Assert.Equal(macd[i].Value?.Signal, c.Indicators["macd_signal_12_26_9"]);
                i++;
            }
        }
    }

    [Fact]
    public async Task RunAsync_CloseCandlesAtEnd_EmitsTheLastBucketOfEverySeries()
    {
        var source = FastMarket(95, "SIM_A");
        var candles = new List<Candle>();
        var pipeline = new MarketPipelineBuilder(source)
            .WithOptions(new MarketPipelineOptions { CloseCandlesAtEnd = true })
            .OnCandle(c => candles.Add(c.Candle))
            .Build();

        await pipeline.RunAsync().WaitAsync(Timeout);

        var expected = CandleOracle.FromTicks(await ReadAllAsync(FastMarket(95, "SIM_A")), Timeframe.OneMinute);
        Assert.Equal(expected, candles);
        Assert.Equal(4, candles.Count); // 95 ticks two seconds apart: 30 + 30 + 30 + 5
        Assert.Equal(5, candles[^1].TickCount);
    }

    [Fact]
    public async Task RunAsync_StageThrows_RethrowsTheOriginalExceptionAndStopsTheSource()
    {
        var source = new ScriptedTickSource();
        source.Write(Ticks.Trade("00:00:01", 100m), Ticks.Trade("00:01:01", 101m));
        var boom = new InvalidOperationException("strategy failed");
        var stage = new TransformBlock<MarketBatch, MarketBatch>(b => b.Candles.Count > 0 ? throw boom : b);
        var pipeline = new MarketPipelineBuilder(source).AddStage(stage).Build();

        // The source never ends by itself: only the fault can stop the run.
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.RunAsync().WaitAsync(Timeout));

        Assert.Same(boom, thrown);
        Assert.True(pipeline.Completion.IsFaulted);
    }

    [Fact]
    public async Task RunAsync_ConsumerThrows_RethrowsTheOriginalException()
    {
        var source = FastMarket(1_000, "SIM_A");
        var boom = new FormatException("sink failed");
        var seen = 0;
        var pipeline = new MarketPipelineBuilder(source)
            .OnBatch((_, _) => ++seen == 2 ? throw boom : ValueTask.CompletedTask)
            .Build();

        var thrown = await Assert.ThrowsAsync<FormatException>(() => pipeline.RunAsync().WaitAsync(Timeout));

        Assert.Same(boom, thrown);
    }

    [Fact]
    public async Task RunAsync_SourceThrows_RethrowsTheSourceException()
    {
        var source = new ScriptedTickSource();
        source.Write(Ticks.Trade("00:00:01", 100m));
        var boom = new IOException("connection lost for good");
        source.End(boom);
        var pipeline = new MarketPipelineBuilder(source).Build();

        var thrown = await Assert.ThrowsAsync<IOException>(() => pipeline.RunAsync().WaitAsync(Timeout));

        Assert.Same(boom, thrown);
    }

    [Fact]
    public async Task RunAsync_Cancelled_DrainsWhatWasReadAndReturns()
    {
        var source = new ScriptedTickSource();
        var delivered = new List<Tick>();
        var pipeline = new MarketPipelineBuilder(source)
            .OnBatch((batch, _) =>
            {
                lock (delivered)
                {
                    delivered.AddRange(batch.Ticks.ToArray());
                }

                return ValueTask.CompletedTask;
            })
            .Build();
        using var stop = new CancellationTokenSource();
        source.Write(Ticks.Trade("00:00:01", 100m), Ticks.Trade("00:00:02", 101m));

        var run = pipeline.RunAsync(stop.Token);
        await Eventually.TrueAsync(() => { lock (delivered) { return delivered.Count == 2; } });
        await stop.CancelAsync();
        await run.WaitAsync(Timeout);

        Assert.Equal(2, delivered.Count);
        Assert.True(pipeline.Completion.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task RunAsync_CalledTwice_Throws()
    {
        var pipeline = new MarketPipelineBuilder(FastMarket(10, "SIM_A")).Build();
        await pipeline.RunAsync().WaitAsync(Timeout);

        await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.RunAsync());
    }

    [Fact]
    public async Task Updates_BlockedObserver_NeitherSlowsThePipelineNorLosesConsumerData()
    {
        var source = FastMarket(20_000, "SIM_A");
        using var release = new ManualResetEventSlim(false);
        var observed = 0;
        var consumed = 0L;
        var pipeline = new MarketPipelineBuilder(source)
            .WithOptions(new MarketPipelineOptions { ObserverBufferSize = 4, MaxBatchSize = 100 })
            .OnBatch((batch, _) =>
            {
                consumed += batch.Ticks.Length;
                return ValueTask.CompletedTask;
            })
            .Build();
        using var subscription = pipeline.Updates.Subscribe(new DelegateObserver(_ =>
        {
            Interlocked.Increment(ref observed);
            release.Wait(Timeout);
        }));

        await pipeline.RunAsync().WaitAsync(Timeout);
        release.Set();

        Assert.Equal(20_000, consumed);
        Assert.True(pipeline.DroppedUpdates >= 190, $"dropped {pipeline.DroppedUpdates}"); // 200 batches, at most 4 + 1 in flight
    }

    [Fact]
    public async Task Updates_ThrowingObserver_IsRemovedWhileOthersGoOn()
    {
        var source = FastMarket(2_000, "SIM_A");
        var good = 0;
        var completed = new TaskCompletionSource();
        var pipeline = new MarketPipelineBuilder(source)
            .WithOptions(new MarketPipelineOptions { MaxBatchSize = 100 })
            .Build();
        using var bad = pipeline.Updates.Subscribe(new DelegateObserver(_ => throw new InvalidOperationException("observer bug")));
        using var ok = pipeline.Updates.Subscribe(new DelegateObserver(b => Interlocked.Add(ref good, b.Ticks.Length), () => completed.TrySetResult()));

        await pipeline.RunAsync().WaitAsync(Timeout);
        await completed.Task.WaitAsync(Timeout);

        Assert.Equal(2_000, good);
    }

    private static async Task<List<Tick>> ReadAllAsync(SimulatedMarketSource source)
    {
        var list = new List<Tick>();
        await foreach (var tick in source.ReadAsync())
        {
            list.Add(tick);
        }

        return list;
    }

    private sealed class DelegateObserver(Action<MarketBatch> onNext, Action? onCompleted = null) : IObserver<MarketBatch>
    {
        public void OnCompleted() => onCompleted?.Invoke();

        public void OnError(Exception error)
        {
        }

        public void OnNext(MarketBatch value) => onNext(value);
    }
}
