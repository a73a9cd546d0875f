using QuantPulse.Candles;
using QuantPulse.Model;
using QuantPulse.Pipeline;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Candles;

public class CandleAggregatorTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Add_SameTicksAsTheBlockClosingAtEnd_SameCandlesAndStatistics()
    {
        var ticks = new List<Tick>();
        for (var i = 0; i < 5000; i++)
        {
            var time = T0.AddSeconds((i * 7) + (i % 3 == 0 ? -20 : 0)); // some late ticks
            ticks.Add(new Tick(i % 2 == 0 ? "A" : "B", time, 100m + (i % 13), i % 4, "test"));
        }

        ticks.Add(new Tick("A", T0.AddDays(1), -1m, 1, "test")); // invalid: counted, not applied
        var options = new CandleBlockOptions { Timeframes = [Timeframe.OneMinute, Timeframe.FiveMinutes, Timeframe.OneHour] };

        var fromBlock = new List<Candle>();
        var source = new ScriptedTickSource();
        source.Write([.. ticks]);
        source.End();
        var pipeline = new MarketPipelineBuilder(source)
            .WithOptions(new MarketPipelineOptions { CloseCandlesAtEnd = true, TimeProvider = new ManualTimeProvider(DateTimeOffset.UnixEpoch) })
            .WithCandles(options)
            .OnCandle(c => fromBlock.Add(c.Candle))
            .Build();
        await pipeline.RunAsync(CancellationToken.None);

        var aggregator = new CandleAggregator(options);
        var closed = new List<ClosedCandle>();
        var chunks = ticks.Chunk(333).ToList();
        var fromAggregator = new List<Candle>();
        foreach (var chunk in chunks)
        {
            aggregator.Add(chunk, closed);
            fromAggregator.AddRange(closed.Select(c => c.Candle));
            closed.Clear();
        }

        aggregator.CloseAll(closed);
        fromAggregator.AddRange(closed.Select(c => c.Candle));

        Assert.True(fromBlock.Count > 100);
        Assert.Equal(fromBlock, fromAggregator);
        var block = pipeline.Candles.Statistics;
        var own = aggregator.Statistics;
        Assert.Equal((block.TicksReceived, block.TicksApplied, block.LateTicks, block.InvalidTicks, block.CandlesClosed), (own.TicksReceived, own.TicksApplied, own.LateTicks, own.InvalidTicks, own.CandlesClosed));
        Assert.True(own.LateTicks > 0);
        Assert.Equal(1, own.InvalidTicks);
    }

    [Fact]
    public void Add_AfterCloseAll_TicksAreLate()
    {
        var aggregator = new CandleAggregator(new CandleBlockOptions { Timeframes = [Timeframe.OneMinute] });
        var closed = new List<ClosedCandle>();
        aggregator.Add([new Tick("A", T0, 1m, 1, "test")], closed);
        aggregator.CloseAll(closed);

        aggregator.Add([new Tick("A", T0.AddMinutes(5), 2m, 1, "test")], closed);

        Assert.Single(closed);
        Assert.Equal(1, aggregator.Statistics.LateTicks);
    }
}
