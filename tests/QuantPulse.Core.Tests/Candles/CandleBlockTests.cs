using System.Threading.Tasks.Dataflow;
using Microsoft.Extensions.Logging;
using QuantPulse.Candles;
using QuantPulse.Model;
using static QuantPulse.Tests.Testing.Ticks;

namespace QuantPulse.Tests.Candles;

public class CandleBlockTests
{
    private static readonly TimeSpan HangTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Process_SameTicksInBatchesOf1And7And512_GivesIdenticalCandlesAtIdenticalGlobalPositions()
    {
        var ticks = RandomWalk(seed: 21, count: 2500, Day.AddHours(8), "A", "B", "C");
        var heartbeats = new Dictionary<int, DateTimeOffset>
        {
            [600] = ticks[599].Time.AddMinutes(3),
            [1400] = ticks[1399].Time.AddSeconds(20),
            [2500] = ticks[2499].Time.AddHours(1),
        };
        var options = new CandleBlockOptions
        {
            Timeframes = [Timeframe.OneMinute, Timeframe.FiveMinutes, Timeframe.OneHour],
            FillGaps = true,
        };

        var one = await RunAsync(ticks, 1, heartbeats, options);
        var seven = await RunAsync(ticks, 7, heartbeats, options);
        var large = await RunAsync(ticks, 512, heartbeats, options);

        Assert.True(one.Candles.Count > 100);
        Assert.Equal(one.Candles, seven.Candles);
        Assert.Equal(one.Candles, large.Candles);
        Assert.Equal(ticks, one.Ticks);
        Assert.Equal(ticks, seven.Ticks);
        Assert.Equal(ticks, large.Ticks);
        Assert.Equal(one.Statistics, large.Statistics);
        Assert.True(one.Statistics.LateTicks > 0);
    }

    [Fact]
    public async Task Process_BatchWithLateAndInvalidTicks_PassesEveryTickOnUntouched()
    {
        var block = new CandleBlock();
        Tick[] ticks = [Trade("10:00:10", 100m), Trade("10:01:10", 101m), Trade("10:00:20", 50m), Trade("10:01:20", -1m)];
        var input = new TickBatch(ticks);

        await block.SendAsync(input);
        var output = await block.ReceiveAsync(HangTimeout);

        Assert.Equal(input.Ticks, output.Ticks);
        Assert.Null(output.Heartbeat);
        Assert.Equal(new ClosedCandle(new Candle("R_100", Timeframe.OneMinute, At("10:00"), 100m, 100m, 100m, 100m, 1m, 1, true), 1), Assert.Single(output.Candles));
        Assert.Equal(new CandleStatistics(4, 2, 1, 0, 1, 1, 0, 0, 0, 1), block.Statistics);
    }

    [Fact]
    public async Task Process_HeartbeatAfterTicks_ClosesQuietMinuteAtPositionTicksLength()
    {
        var block = new CandleBlock();
        await block.SendAsync(new TickBatch(new[] { Trade("10:00:10", 100m) }));
        await block.ReceiveAsync(HangTimeout);

        await block.SendAsync(new TickBatch(new[] { Trade("10:00:50", 101m), Trade("10:00:55", 99m) }, At("10:01:00")));
        var output = await block.ReceiveAsync(HangTimeout);

        var closed = Assert.Single(output.Candles);
        Assert.Equal(2, closed.Position);
        Assert.Equal(new Candle("R_100", Timeframe.OneMinute, At("10:00"), 100m, 101m, 99m, 99m, 3m, 3, true), closed.Candle);
        Assert.Equal(At("10:01:00"), output.Heartbeat);
        Assert.Null(block.GetForming("R_100", Timeframe.OneMinute));
        Assert.Equal([closed.Candle], block.GetHistory("R_100", Timeframe.OneMinute));
    }

    [Fact]
    public async Task Process_HeartbeatOnlyBatch_EmitsCandlesAtPositionZero()
    {
        var block = new CandleBlock(new CandleBlockOptions { FillGaps = true });
        await block.SendAsync(new TickBatch(new[] { Trade("10:00:10", 100m) }));
        await block.ReceiveAsync(HangTimeout);

        await block.SendAsync(TickBatch.ForHeartbeat(At("10:02:30")));
        var output = await block.ReceiveAsync(HangTimeout);

        Assert.Equal(0, output.Ticks.Length);
        Assert.Equal([(At("10:00"), 1, 0), (At("10:01"), 0, 0)], output.Candles.Select(c => (c.Candle.OpenTime, c.Candle.TickCount, c.Position)));
    }

    [Fact]
    public async Task Complete_WithFormingCandle_DoesNotEmitItButKeepsItReadable()
    {
        var block = new CandleBlock();
        var batches = new List<MarketBatch>();
        var sink = new ActionBlock<MarketBatch>(batches.Add);
        block.LinkTo(sink, new DataflowLinkOptions { PropagateCompletion = true });

        await block.SendAsync(new TickBatch(new[] { Trade("10:00:10", 100m), Trade("10:00:20", 102m) }));
        block.Complete();
        await sink.Completion.WaitAsync(HangTimeout);

        Assert.Empty(Assert.Single(batches).Candles);
        var forming = block.GetForming("R_100", Timeframe.OneMinute);
        Assert.Equal(new Candle("R_100", Timeframe.OneMinute, At("10:00"), 100m, 102m, 100m, 102m, 2m, 2, false), forming);
        Assert.Equal(["R_100"], block.Symbols);
    }

    [Fact]
    public async Task Fault_LinkedWithPropagateCompletion_FaultsTheTargetWithTheSameException()
    {
        var block = new CandleBlock();
        var sink = new BufferBlock<MarketBatch>();
        block.LinkTo(sink, new DataflowLinkOptions { PropagateCompletion = true });
        var error = new InvalidOperationException("source failed");

        ((IDataflowBlock)block).Fault(error);

        var thrown = await Assert.ThrowsAsync<AggregateException>(() => sink.Completion.WaitAsync(HangTimeout));
        Assert.Same(error, thrown.InnerException);
    }

    [Fact]
    public async Task SendAsync_NullBatch_IsDeclined()
    {
        var block = new CandleBlock();

        Assert.False(await block.SendAsync<TickBatch>(null!));
        Assert.Equal(0, block.InputCount);
        Assert.False(block.Completion.IsCompleted);
    }

    [Fact]
    public void GetHistory_TimeframeNotConfigured_ThrowsArgumentException()
    {
        var block = new CandleBlock();

        Assert.Throws<ArgumentException>(() => block.GetHistory("R_100", Timeframe.OneHour));
        Assert.Throws<ArgumentException>(() => block.GetForming("R_100", Timeframe.OneHour));
        Assert.Throws<ArgumentNullException>(() => block.GetHistory(null!, Timeframe.OneMinute));
    }

    [Fact]
    public async Task ReadSide_WhileBatchesAreProcessed_ReturnsConsistentSnapshots()
    {
        var block = new CandleBlock(new CandleBlockOptions { HistoryLength = 50, Timeframes = [Timeframe.OneMinute, Timeframe.FiveMinutes] });
        var sink = new ActionBlock<MarketBatch>(_ => { });
        block.LinkTo(sink, new DataflowLinkOptions { PropagateCompletion = true });
        var ticks = Enumerable.Range(0, 20_000).Select(i => Trade(At("00:00:00").AddSeconds(i * 3), 100m + (i % 17))).ToArray();
        using var stop = new CancellationTokenSource();
        var reads = 0;

        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var history = block.GetHistory("R_100", Timeframe.OneMinute);
                Assert.True(history.Count <= 50);
                Assert.Equal(history.Select(c => c.OpenTime).Order(), history.Select(c => c.OpenTime));
                Assert.False(block.GetForming("R_100", Timeframe.OneMinute)?.IsClosed ?? false);
                var stats = block.Statistics;
                Assert.Equal(stats.TicksReceived, stats.TicksApplied + stats.LateTicks + stats.DuplicateTicks + stats.InvalidTicks);
                reads++;
            }
        });
        for (var i = 0; i < ticks.Length; i += 100)
        {
            await block.SendAsync(new TickBatch(ticks.AsMemory(i, 100)));
        }

        block.Complete();
        await sink.Completion.WaitAsync(HangTimeout);
        await stop.CancelAsync();
        await reader.WaitAsync(HangTimeout);

        Assert.True(reads > 0);
        Assert.Equal(50, block.GetHistory("R_100", Timeframe.OneMinute).Count);
        Assert.Equal(ticks.Length, block.Statistics.TicksApplied);
    }

    [Fact]
    public async Task Process_LateTicks_LogsAtFirstAndEachPowerOfTwo()
    {
        var logger = new ListLogger();
        var block = new CandleBlock(logger: logger);
        await Send(block, Trade("10:00:10", 1m), Trade("10:01:10", 2m), Trade("10:00:11", 3m));
        await Send(block, Trade("10:00:12", 3m));
        await Send(block, Trade("10:00:13", 3m));
        await Send(block, Trade("10:00:14", 3m), Trade("10:00:15", 3m), Trade("10:00:16", 3m));

        Assert.Equal([(2001, 1L), (2001, 2L), (2001, 6L)], logger.Entries.Select(e => (e.EventId, e.Count)));
        Assert.Contains("R_100", logger.Messages[0], StringComparison.Ordinal);

        static async Task Send(CandleBlock block, params Tick[] ticks)
        {
            await block.SendAsync(new TickBatch(ticks));
            await block.ReceiveAsync(HangTimeout);
        }
    }

    [Fact]
    public void ToString_ListsTimeframes()
    {
        var block = new CandleBlock(new CandleBlockOptions { Timeframes = [Timeframe.OneHour, Timeframe.OneMinute] });

        Assert.Equal("CandleBlock(1m,1h)", block.ToString());
    }

    // Feeds the ticks in batches of 'batchSize', cutting a batch wherever a heartbeat is scripted, and returns
    // the closed candles with their index in the whole tick stream.
    private static async Task<RunResult> RunAsync(
        Tick[] ticks,
        int batchSize,
        Dictionary<int, DateTimeOffset> heartbeats,
        CandleBlockOptions options)
    {
        var block = new CandleBlock(options);
        var received = new List<MarketBatch>();
        var sink = new ActionBlock<MarketBatch>(received.Add);
        block.LinkTo(sink, new DataflowLinkOptions { PropagateCompletion = true });
        var start = 0;
        while (start < ticks.Length)
        {
            var end = Math.Min(start + batchSize, ticks.Length);
            var cut = heartbeats.Keys.Where(k => k > start && k <= end).DefaultIfEmpty(end).Min();
            DateTimeOffset? heartbeat = heartbeats.TryGetValue(cut, out var h) ? h : null;
            Assert.True(await block.SendAsync(new TickBatch(ticks.AsMemory(start, cut - start), heartbeat)));
            start = cut;
        }

        block.Complete();
        await sink.Completion.WaitAsync(HangTimeout);

        var candles = new List<(Candle Candle, long Index)>();
        var passed = new List<Tick>();
        foreach (var batch in received)
        {
            candles.AddRange(batch.Candles.Select(c => (c.Candle, (long)passed.Count + c.Position)));
            passed.AddRange(batch.Ticks.ToArray());
        }

        return new RunResult(candles, passed, block.Statistics);
    }

    private sealed record RunResult(List<(Candle Candle, long Index)> Candles, List<Tick> Ticks, CandleStatistics Statistics);

    private sealed class ListLogger : ILogger
    {
        public List<(int EventId, long Count)> Entries { get; } = [];

        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var count = state is IReadOnlyList<KeyValuePair<string, object?>> values
                ? values.Where(v => v.Key == "Count").Select(v => Convert.ToInt64(v.Value, System.Globalization.CultureInfo.InvariantCulture)).Single()
                : -1;
            lock (Entries)
            {
                Entries.Add((eventId.Id, count));
                Messages.Add(formatter(state, exception));
            }
        }
    }
}
