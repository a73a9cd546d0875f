using System.Threading.Tasks.Dataflow;
using Microsoft.Extensions.Logging;
using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Indicators;

public class IndicatorBlockTests
{
    // A guard against a hung test, not a timing assertion.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly IndicatorSpec[] Specs =
    [
        IndicatorSpec.Ema(20),
        IndicatorSpec.Rsi(14),
        IndicatorSpec.Atr(14),
        IndicatorSpec.Macd(),
        IndicatorSpec.BollingerBands(20, 2),
        IndicatorSpec.StandardDeviation(20),
        IndicatorSpec.HeikinAshi(),
    ];

    [Fact]
    public async Task SendAsync_InterleavedSeries_EachSeriesEqualsBatchHelpersExactly()
    {
        var series = new Dictionary<(string, Timeframe), Candle[]>
        {
            [("BTCUSDT", Timeframe.OneMinute)] = TestCandles.RandomWalk(150, seed: 1, start: 17000m, symbol: "BTCUSDT", timeframe: Timeframe.OneMinute),
            [("BTCUSDT", Timeframe.FiveMinutes)] = TestCandles.RandomWalk(120, seed: 2, start: 17000m, symbol: "BTCUSDT", timeframe: Timeframe.FiveMinutes),
            [("R_100", Timeframe.OneMinute)] = TestCandles.RandomWalk(140, seed: 3, start: 850m, symbol: "R_100", timeframe: Timeframe.OneMinute),
        };
        var block = new IndicatorBlock(new IndicatorBlockOptions { Indicators = Specs });
        var interleaved = Interleave(series.Values);
        var received = new List<ClosedCandle>();

        var consumer = DrainAsync(block, batch => received.AddRange(batch.Candles));
        foreach (var chunk in interleaved.Chunk(7))
        {
            Assert.True(await block.SendAsync(Batch(chunk)));
        }

        block.Complete();
        await consumer.WaitAsync(Timeout);

        Assert.Equal(3, block.SeriesCount);
        Assert.Equal(interleaved.Length, received.Count);
        foreach (var ((symbol, timeframe), candles) in series)
        {
            var streamed = received.Where(c => c.Candle.Symbol == symbol && c.Candle.Timeframe == timeframe).ToArray();
            Assert.Equal(candles, streamed.Select(c => c.Candle));
            AssertBitwise(candles.ToEma(20).Select(p => p.Value), streamed, "ema_20");
            AssertBitwise(candles.ToRsi(14).Select(p => p.Value), streamed, "rsi_14");
            AssertBitwise(candles.ToAtr(14).Select(p => p.Value), streamed, "atr_14");
            AssertBitwise(candles.ToMacd().Select(p => p.Value?.Signal), streamed, "macd_signal_12_26_9");
            AssertBitwise(candles.ToBollingerBands().Select(p => p.Value?.Upper), streamed, "bb_upper_20_2");
            AssertBitwise(candles.ToStandardDeviation(20).Select(p => p.Value?.ZScore), streamed, "zscore_20");
            AssertBitwise(candles.ToHeikinAshi().Select(p => p.Value?.Open), streamed, "ha_open");
            var all = candles.ToIndicatorValues(Specs);
            for (var i = 0; i < all.Count; i++)
            {
                for (var c = 0; c < all[i].Count; c++)
                {
                    Assert.Equal(Bits(all[i][c]), Bits(streamed[i].Indicators![c]));
                }
            }
        }
    }

    [Fact]
    public async Task SendAsync_BatchWithoutCandles_PassesSameInstance()
    {
        var block = new IndicatorBlock(new IndicatorBlockOptions { Indicators = Specs });
        var batch = new MarketBatch(new[] { new Tick("R_100", TestCandles.Start, 850m, 0m, "test") }, [], TestCandles.Start);

        await block.SendAsync(batch);
        var output = await block.ReceiveAsync(Timeout);

        Assert.Same(batch, output);
    }

    [Fact]
    public async Task SendAsync_BatchWithCandles_KeepsTicksHeartbeatAndPositions()
    {
        var block = new IndicatorBlock(new IndicatorBlockOptions { Indicators = [IndicatorSpec.Ema(2)] });
        var candles = TestCandles.RandomWalk(3);
        var ticks = new[] { new Tick("TEST", TestCandles.Start, 100m, 1m, "test"), new Tick("TEST", TestCandles.Start.AddDays(1), 101m, 1m, "test") };
        var input = new MarketBatch(ticks, [new ClosedCandle(candles[0], 0), new ClosedCandle(candles[1], 1), new ClosedCandle(candles[2], 2)], TestCandles.Start.AddDays(3));

        await block.SendAsync(input);
        var output = await block.ReceiveAsync(Timeout);

        Assert.True(output.Ticks.Span.SequenceEqual(ticks));
        Assert.Equal(input.Heartbeat, output.Heartbeat);
        Assert.Equal([0, 1, 2], output.Candles.Select(c => c.Position));
        Assert.Equal(candles, output.Candles.Select(c => c.Candle));
        Assert.Equal([null, (double)(candles[0].Close + candles[1].Close) / 2], output.Candles.Take(2).Select(c => c.Indicators!["ema_2"]));
        Assert.All(input.Candles, c => Assert.Null(c.Indicators));
    }

    [Fact]
    public async Task SendAsync_NoIndicatorsConfigured_SetsEmptyValues()
    {
        var block = new IndicatorBlock();
        await block.SendAsync(Batch(TestCandles.RandomWalk(2)));

        var output = await block.ReceiveAsync(Timeout);

        Assert.All(output.Candles, c => Assert.Equal(0, c.Indicators!.Count));
        Assert.Empty(block.Columns);
    }

    [Fact]
    public async Task Complete_WithBufferedBatches_DrainsThenCompletes()
    {
        var block = new IndicatorBlock(new IndicatorBlockOptions { Indicators = Specs, BoundedCapacity = 16 });
        var target = new BufferBlock<MarketBatch>();
        block.LinkTo(target, new DataflowLinkOptions { PropagateCompletion = true });
        var candles = TestCandles.RandomWalk(40);

        foreach (var chunk in candles.Chunk(4))
        {
            await block.SendAsync(Batch(chunk));
        }

        block.Complete();
        block.Complete();
        await block.Completion.WaitAsync(Timeout);

        Assert.True(target.TryReceiveAll(out var outputs));
        Assert.Equal(candles, outputs.SelectMany(b => b.Candles).Select(c => c.Candle));
        await target.Completion.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Fault_Block_FaultPropagatesToLinkedTarget()
    {
        var block = new IndicatorBlock(new IndicatorBlockOptions { Indicators = Specs });
        var target = new BufferBlock<MarketBatch>();
        block.LinkTo(target, new DataflowLinkOptions { PropagateCompletion = true });
        var error = new InvalidOperationException("upstream failed");

        ((IDataflowBlock)block).Fault(error);

        Assert.Same(error, await Assert.ThrowsAsync<InvalidOperationException>(() => block.Completion.WaitAsync(Timeout)));
        await Assert.ThrowsAnyAsync<Exception>(() => target.Completion.WaitAsync(Timeout));
        Assert.Same(error, target.Completion.Exception!.Flatten().InnerExceptions.Single());
    }

    [Fact]
    public async Task CancellationToken_Canceled_CompletionIsCanceledAndBuffersEmptied()
    {
        using var cts = new CancellationTokenSource();
        var block = new IndicatorBlock(new IndicatorBlockOptions { Indicators = Specs, CancellationToken = cts.Token });
        await block.SendAsync(Batch(TestCandles.RandomWalk(3)));

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => block.Completion.WaitAsync(Timeout));
        Assert.True(block.Completion.IsCanceled);
        Assert.False(block.TryReceive(null, out _));
    }

    [Fact]
    public async Task SendAsync_BoundedCapacityReached_PostponesUntilConsumed()
    {
        var block = new IndicatorBlock(new IndicatorBlockOptions { Indicators = Specs, BoundedCapacity = 1 });
        var candles = TestCandles.RandomWalk(2);

        var first = block.SendAsync(Batch(candles[..1]));
        var second = block.SendAsync(Batch(candles[1..]));

        Assert.True(await first.WaitAsync(Timeout));
        Assert.False(second.IsCompleted);
        var out1 = await block.ReceiveAsync(Timeout);
        Assert.True(await second.WaitAsync(Timeout));
        var out2 = await block.ReceiveAsync(Timeout);
        Assert.Equal(candles, new[] { out1.Candles[0].Candle, out2.Candles[0].Candle });
    }

    [Fact]
    public async Task SendAsync_RejectedCandles_CountedLoggedAndValuesKept()
    {
        var logger = new ListLogger<IndicatorBlock>();
        var block = new IndicatorBlock(new IndicatorBlockOptions { Indicators = [IndicatorSpec.Ema(3)] }, logger);
        var candles = TestCandles.RandomWalk(5);
        var late = candles[1] with { Close = 900m, High = 900m };
        var impossible = candles[4] with { OpenTime = candles[4].OpenTime.AddDays(1), Low = 0m };

        await block.SendAsync(Batch([candles[0], candles[1], candles[2], candles[3], late, candles[4], impossible]));
        var output = await block.ReceiveAsync(Timeout);

        var ema = output.Candles.Select(c => c.Indicators!["ema_3"]).ToArray();
        Assert.Equal(2, block.RejectedCandles);
        Assert.Equal(ema[3], ema[4]);
        Assert.Equal(ema[5], ema[6]);
        Assert.Equal(candles.ToEma(3).Select(p => p.Value), new[] { ema[0], ema[1], ema[2], ema[3], ema[5] });
        var warnings = logger.Entries.Where(e => e.EventId.Id == 3002).ToArray();
        Assert.Equal(2, warnings.Length);
        Assert.All(warnings, w => Assert.Equal(LogLevel.Warning, w.Level));
        Assert.Contains("RejectedOutOfOrder", warnings[0].Message);
        Assert.Contains("RejectedInvalid", warnings[1].Message);
        Assert.Single(logger.Entries, e => e.EventId.Id == 3001);
    }

    [Fact]
    public void Constructor_OptionsChangedAfterwards_KeepsCopy()
    {
        var specs = new List<IndicatorSpec> { IndicatorSpec.Ema(20) };
        var block = new IndicatorBlock(new IndicatorBlockOptions { Indicators = specs });

        specs.Add(IndicatorSpec.Rsi(14));

        Assert.Equal(["ema_20"], block.Columns);
    }

    [Fact]
    public void Constructor_DuplicateColumns_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => new IndicatorBlock(new IndicatorBlockOptions { Indicators = [IndicatorSpec.Ema(), IndicatorSpec.Ema()] }));

    [Fact]
    public void Options_InvalidValues_Throw()
    {
        Assert.Equal(
            "BoundedCapacity",
            Assert.Throws<ArgumentOutOfRangeException>(() => new IndicatorBlockOptions { BoundedCapacity = 0 }).ParamName);
        Assert.Throws<ArgumentNullException>(() => new IndicatorBlockOptions { Indicators = null! });
        Assert.Equal(IndicatorBlockOptions.DefaultBoundedCapacity, new IndicatorBlockOptions().BoundedCapacity);
    }

    private static MarketBatch Batch(IEnumerable<Candle> candles) =>
        new(ReadOnlyMemory<Tick>.Empty, candles.Select(c => new ClosedCandle(c, 0)).ToArray());

    private static Candle[] Interleave(IEnumerable<Candle[]> series) =>
        series.SelectMany(s => s.Select((c, i) => (c, i))).OrderBy(p => p.i).ThenBy(p => p.c.Symbol, StringComparer.Ordinal)
            .Select(p => p.c).ToArray();

    private static async Task DrainAsync(IndicatorBlock source, Action<MarketBatch> onBatch)
    {
        while (await source.OutputAvailableAsync())
        {
            while (source.TryReceive(null, out var batch))
            {
                onBatch(batch);
            }
        }

        await source.Completion;
    }

    private static void AssertBitwise(IEnumerable<double?> expected, ClosedCandle[] streamed, string column) =>
        Assert.Equal(expected.Select(Bits), streamed.Select(c => Bits(c.Indicators![column])));

    private static long? Bits(double? value) => value is { } v ? BitConverter.DoubleToInt64Bits(v) : null;
}
