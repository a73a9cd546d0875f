using System.Threading.Tasks.Dataflow;
using QuantPulse.Model;
using QuantPulse.Storage;
using QuantPulse.Tests.Testing;
using static QuantPulse.Tests.Storage.StorageSamples;

namespace QuantPulse.Tests.Storage;

public class SinkBlockTests
{
    private static readonly TimeSpan Hang = Eventually.HangTimeout;

    private readonly ManualTimeProvider _time = new(T0);

    [Fact]
    public async Task Write_BatchSizeReached_WritesWithoutWaitingForTheClock()
    {
        var store = new FakeMarketStore(_time);
        var sink = new SinkBlock(store, new SinkBlockOptions { BatchSize = 4, FlushInterval = TimeSpan.FromHours(1), TimeProvider = _time });

        await sink.SendAsync(SinkBatches.Candles(0, 2));
        await sink.SendAsync(SinkBatches.Candles(2, 3));
        await Eventually.TrueAsync(() => store.Writes.Count == 1, "one write");

        Assert.Equal(("candles", 4, T0), store.Writes[0]);
        Assert.Equal(1, sink.Statistics.Backlog);
        sink.Complete();
        await sink.Completion.WaitAsync(Hang);
        Assert.Equal([("candles", 4, T0), ("candles", 1, T0)], store.Writes);
    }

    [Fact]
    public async Task Write_FewerItemsThanBatchSize_WritesWhenTheOldestHasWaitedTheFlushInterval()
    {
        var store = new FakeMarketStore(_time);
        var sink = new SinkBlock(store, new SinkBlockOptions { BatchSize = 100, FlushInterval = TimeSpan.FromMilliseconds(500), TimeProvider = _time });

        await sink.SendAsync(SinkBatches.Candles(0, 3));
        await Eventually.TrueAsync(() => _time.ActiveTimers == 1, "flush timer armed");
        _time.Advance(TimeSpan.FromMilliseconds(200));
        await sink.SendAsync(SinkBatches.Candles(3, 1));
        await Eventually.TrueAsync(() => sink.Statistics.Backlog == 4, "second batch buffered");
        _time.Advance(TimeSpan.FromMilliseconds(299));

        Assert.Empty(store.Writes);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await Eventually.TrueAsync(() => store.Writes.Count == 1, "timed write");
        Assert.Equal(("candles", 4, T0.AddMilliseconds(500)), store.Writes[0]);

        await sink.SendAsync(SinkBatches.Candles(4, 1));
        await Eventually.TrueAsync(() => _time.ActiveTimers == 1, "flush timer armed again");
        _time.Advance(TimeSpan.FromMilliseconds(500));
        await Eventually.TrueAsync(() => store.Writes.Count == 2, "second timed write");
        Assert.Equal(("candles", 1, T0.AddMilliseconds(1000)), store.Writes[1]);
        Assert.Equal(0, _time.ActiveTimers);
    }

    [Fact]
    public async Task Write_StoreFailing_RetriesWithDoublingDelaysCappedAtTheMaximum()
    {
        var store = new FakeMarketStore(_time) { Failure = (_, attempt) => attempt <= 4 ? new IOException($"down {attempt}") : null };
        var logger = new ListLogger<SinkBlock>();
        var sink = new SinkBlock(
            store,
            new SinkBlockOptions { InitialRetryDelay = TimeSpan.FromMilliseconds(100), MaxRetryDelay = TimeSpan.FromMilliseconds(350), TimeProvider = _time },
            logger);

        await sink.SendAsync(SinkBatches.Candles(0, 2));
        sink.Complete();
        while (store.Writes.Count == 0)
        {
            await Eventually.TrueAsync(() => _time.ActiveTimers == 1 || store.Writes.Count > 0, "retry armed or written");
            if (store.Writes.Count == 0)
            {
                _time.Advance(TimeSpan.FromMilliseconds(1));
            }
        }

        await sink.Completion.WaitAsync(Hang);
        Assert.Equal(
            [T0, T0.AddMilliseconds(100), T0.AddMilliseconds(300), T0.AddMilliseconds(650), T0.AddMilliseconds(1000)],
            store.Attempts.Select(a => a.At));
        Assert.Equal(4, sink.Statistics.Retries);
        Assert.Equal(0, sink.Statistics.ConsecutiveFailures);
        Assert.Equal(4, logger.Entries.Count(e => e.EventId.Id == 6001));
        Assert.Contains(logger.Entries, e => e.EventId.Id == 6002 && e.Message.Contains("after 5 attempts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Write_StoreFailing_EachWarningNamesTheErrorAndOnlyTheFirstCarriesTheStackTrace()
    {
        var store = new FakeMarketStore(_time) { Failure = (_, attempt) => attempt <= 3 ? new IOException($"down {attempt}") : null };
        var logger = new ListLogger<SinkBlock>();
        var sink = new SinkBlock(store, new SinkBlockOptions { InitialRetryDelay = TimeSpan.FromMilliseconds(10), TimeProvider = _time }, logger);

        await sink.SendAsync(SinkBatches.Candles(0, 2));
        sink.Complete();
        while (!sink.Completion.IsCompleted)
        {
            await Eventually.TrueAsync(() => _time.ActiveTimers == 1 || sink.Completion.IsCompleted, "retry armed or done");
            _time.Advance(TimeSpan.FromMilliseconds(10));
        }

        await sink.Completion.WaitAsync(Hang);
        var warnings = logger.Entries.Select((e, i) => (e.EventId.Id, e.Message, Exception: logger.Exceptions[i])).Where(e => e.Id == 6001).ToList();
        Assert.Equal(3, warnings.Count);
        Assert.All(warnings.Select((w, i) => (w.Message, i)), w => Assert.Contains($"(attempt {w.i + 1}): IOException: down {w.i + 1};", w.Message, StringComparison.Ordinal));
        Assert.NotNull(warnings[0].Exception);
        Assert.All(warnings.Skip(1), w => Assert.Null(w.Exception));
    }

    [Fact]
    public async Task SendAsync_StoreDownAndBufferFull_StopsAcceptingThenLosesNothing()
    {
        var down = true;
        var store = new FakeMarketStore(_time) { Failure = (_, _) => Volatile.Read(ref down) ? new IOException("database down") : null };
        var logger = new ListLogger<SinkBlock>();
        var sink = new SinkBlock(
            store,
            new SinkBlockOptions { BatchSize = 5, BufferCapacity = 10, BoundedCapacity = 1, TimeProvider = _time },
            logger);

        Assert.True(await sink.SendAsync(SinkBatches.Candles(0, 4)).WaitAsync(Hang));
        Assert.True(await sink.SendAsync(SinkBatches.Candles(4, 4)).WaitAsync(Hang));
        Assert.True(await sink.SendAsync(SinkBatches.Candles(8, 4)).WaitAsync(Hang));
        await Eventually.TrueAsync(() => sink.Statistics.Backlog == 12, "third batch taken");
        var fourth = sink.SendAsync(SinkBatches.Candles(12, 4));

        Assert.False(fourth.IsCompleted);

        // The writer runs on its own task: wait for its first failed attempt rather than assume it has happened.
        // Back-pressure is logged by the sending task just after it publishes the backlog: wait for it as well.
        await Eventually.TrueAsync(() => logger.Entries.Any(e => e.EventId.Id == 6001), "first failed write logged");
        await Eventually.TrueAsync(() => logger.Entries.Any(e => e.EventId.Id == 6003), "back-pressure logged");
        Assert.True(sink.Statistics.ConsecutiveFailures >= 1);
        Assert.False(fourth.IsCompleted);

        Volatile.Write(ref down, false);

        // The retry delay's timer is armed by the writer's task after it logs the failure: keep moving the clock
        // until the retry has run, instead of assuming the timer already exists when the clock moves once.
        await Eventually.TrueAsync(
            () =>
            {
                _time.Advance(TimeSpan.FromMilliseconds(100));
                return fourth.IsCompleted;
            },
            "write retried after the store came back");
        Assert.True(await fourth.WaitAsync(Hang));
        sink.Complete();
        await sink.Completion.WaitAsync(Hang);

        Assert.Equal(Enumerable.Range(0, 16).Select(i => Candle(T0.AddMinutes(i))), store.StoredCandles);
        Assert.Equal(16, sink.Statistics.CandlesWritten);
        Assert.Equal(0, sink.Statistics.Backlog);
        Assert.Contains(logger.Entries, e => e.EventId.Id == 6004);
    }

    [Fact]
    public async Task Write_FlakyStore_EveryAcceptedItemIsWrittenExactlyOnceInOrder()
    {
        var store = new FakeMarketStore { Failure = (table, attempt) => attempt % 3 == 0 ? new IOException($"{table} hiccup {attempt}") : null };
        var sink = new SinkBlock(
            store,
            new SinkBlockOptions
            {
                BatchSize = 37,
                FlushInterval = TimeSpan.FromMilliseconds(1),
                BufferCapacity = 200,
                StoreTicks = true,
                InitialRetryDelay = TimeSpan.FromMilliseconds(1),
                MaxRetryDelay = TimeSpan.FromMilliseconds(2),
            });
        var expectedTicks = new List<Tick>();
        var expectedTrades = new Dictionary<string, Trade>();
        for (var i = 0; i < 150; i++)
        {
            var ticks = Enumerable.Range(0, 1 + (i % 9)).Select(k => Tick(T0.AddSeconds(i).AddMilliseconds(k), 100m + i + (k / 100m))).ToArray();
            var open = OpenTrade($"t{i}", at: T0.AddSeconds(i));
            var events = new List<(Trade, TradeEventKind)> { (open, TradeEventKind.Opened) };
            if (i > 0 && i % 2 == 0)
            {
                var closed = Closed(OpenTrade($"t{i - 1}", at: T0.AddSeconds(i - 1)), TradeResult.Win, TimeSpan.FromSeconds(1), 0.5, 101m);
                events.Add((closed, TradeEventKind.Closed));
                expectedTrades[closed.Id] = closed;
            }

            expectedTrades.TryAdd(open.Id, open);
            expectedTicks.AddRange(ticks);
            Assert.True(await sink.SendAsync(SinkBatches.Of([Candle(T0.AddMinutes(i))], [Signal($"s{i}")], events, ticks)).WaitAsync(Hang));
        }

        sink.Complete();
        await sink.Completion.WaitAsync(Hang);

        Assert.Equal(expectedTicks, store.StoredTicks);
        Assert.Equal(Enumerable.Range(0, 150).Select(i => Candle(T0.AddMinutes(i))), store.StoredCandles);
        Assert.Equal(Enumerable.Range(0, 150).Select(i => $"s{i}").Order(StringComparer.Ordinal), store.StoredSignals.Select(s => s.Id).Order(StringComparer.Ordinal));
        Assert.Equal(expectedTrades.OrderBy(p => p.Key, StringComparer.Ordinal), store.StoredTrades.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.True(sink.Statistics.Retries > 0);
        Assert.Equal(expectedTicks.Count, sink.Statistics.TicksWritten);
    }

    [Fact]
    public async Task Write_OpenRetriedWhileTheCloseArrives_TheCloseIsWrittenLastAndOnlyOnce()
    {
        var store = new FakeMarketStore(_time) { Failure = (table, attempt) => table == "trades" && attempt <= 2 ? new IOException("busy") : null };
        var sink = new SinkBlock(store, new SinkBlockOptions { BatchSize = 1, TimeProvider = _time, InitialRetryDelay = TimeSpan.FromMilliseconds(10) });
        var open = OpenTrade("t1");
        var closed = Closed(open, TradeResult.Loss, TimeSpan.FromSeconds(5), -0.37, 1230m);

        await sink.SendAsync(SinkBatches.Of(trades: [(open, TradeEventKind.Opened)]));
        await sink.SendAsync(SinkBatches.Of(trades: [(closed, TradeEventKind.Closed)]));
        await sink.SendAsync(SinkBatches.Of(trades: [(OpenTrade("t2"), TradeEventKind.Opened), (OpenTrade("t2") with { StopLoss = 1m }, TradeEventKind.Opened)]));
        sink.Complete();
        while (!sink.Completion.IsCompleted)
        {
            await Eventually.TrueAsync(() => _time.ActiveTimers == 1 || sink.Completion.IsCompleted, "retry armed or done");
            if (!sink.Completion.IsCompleted)
            {
                _time.Advance(TimeSpan.FromMilliseconds(10));
            }
        }

        await sink.Completion;
        Assert.Equal([open, closed, OpenTrade("t2"), OpenTrade("t2") with { StopLoss = 1m }], store.TradeUpserts);
        Assert.Equal(closed, store.StoredTrades["t1"]);
    }

    [Fact]
    public async Task Write_OpenAndCloseInOneWrite_UpsertsOnlyTheClose()
    {
        var store = new FakeMarketStore(_time);
        var sink = new SinkBlock(store, new SinkBlockOptions { TimeProvider = _time });
        var open = OpenTrade("t1");
        var closed = Closed(open, TradeResult.Win, TimeSpan.FromSeconds(5), 0.7, 1243.69m);

        await sink.SendAsync(SinkBatches.Of(trades: [(open, TradeEventKind.Opened), (closed, TradeEventKind.Closed), (open, TradeEventKind.Opened)]));
        sink.Complete();
        await sink.Completion.WaitAsync(Hang);

        Assert.Equal([closed], store.TradeUpserts);
        Assert.Equal(1, sink.Statistics.TradesWritten);
    }

    [Fact]
    public async Task Write_TablesOfOneWrite_GoCandlesSignalsTradesTicksAndAFailedTableResumesThere()
    {
        var store = new FakeMarketStore(_time) { Failure = (table, attempt) => table == "trades" && attempt == 1 ? new IOException("once") : null };
        var sink = new SinkBlock(store, new SinkBlockOptions { StoreTicks = true, TimeProvider = _time, InitialRetryDelay = TimeSpan.FromMilliseconds(5) });

        await sink.SendAsync(SinkBatches.Of([Candle(T0)], [Signal("s1")], [(OpenTrade("t1"), TradeEventKind.Opened)], [Tick(T0, 1m)]));
        sink.Complete();
        await Eventually.TrueAsync(() => store.Attempts.Count == 3 && _time.ActiveTimers == 1, "trades failed, retry armed");
        _time.Advance(TimeSpan.FromMilliseconds(5));
        await sink.Completion.WaitAsync(Hang);

        Assert.Equal(["candles", "signals", "trades", "trades", "ticks"], store.Attempts.Select(a => a.Table));
        Assert.Equal(["candles", "signals", "trades", "ticks"], store.Writes.Select(w => w.Table));
    }

    [Fact]
    public async Task Write_TicksOff_StoresNoTicksAndIgnoresHeartbeats()
    {
        var store = new FakeMarketStore(_time);
        var sink = new SinkBlock(store, new SinkBlockOptions { TimeProvider = _time });

        await sink.SendAsync(SinkBatches.Ticks(Tick(T0, 1m), Tick(T0.AddSeconds(1), 2m)));
        await sink.SendAsync(new MarketBatch(ReadOnlyMemory<Tick>.Empty, [], T0));
        sink.Complete();
        await sink.Completion.WaitAsync(Hang);

        Assert.Empty(store.Attempts);
        Assert.Equal(new SinkStatistics(0, 0, 0, 0, 0, 0, 0, 0), sink.Statistics);
    }

    [Fact]
    public async Task Write_ATickRunLongerThanTheBatchSize_IsSplitAcrossWrites()
    {
        var store = new FakeMarketStore(_time);
        var sink = new SinkBlock(store, new SinkBlockOptions { BatchSize = 4, StoreTicks = true, TimeProvider = _time });
        var ticks = Enumerable.Range(0, 10).Select(i => Tick(T0.AddSeconds(i), i + 1m)).ToArray();

        await sink.SendAsync(SinkBatches.Of([Candle(T0)], ticks: ticks));
        sink.Complete();
        await sink.Completion.WaitAsync(Hang);

        Assert.Equal([("candles", 1), ("ticks", 3), ("ticks", 4), ("ticks", 3)], store.Writes.Select(w => (w.Table, w.Count)));
        Assert.Equal(ticks, store.StoredTicks);
    }

    [Fact]
    public async Task Complete_WhileTheStoreIsDown_CompletesOnlyOnceEverythingIsWritten()
    {
        var down = true;
        var store = new FakeMarketStore(_time) { Failure = (_, _) => Volatile.Read(ref down) ? new IOException("down") : null };
        var sink = new SinkBlock(store, new SinkBlockOptions { TimeProvider = _time, InitialRetryDelay = TimeSpan.FromSeconds(1) });

        await sink.SendAsync(SinkBatches.Candles(0, 3));
        sink.Complete();

        // Wait for the failed attempt itself: the only armed timer may otherwise still be the flush interval's.
        await Eventually.TrueAsync(() => store.Attempts.Count == 1 && _time.ActiveTimers == 1, "first attempt failed, retry armed");
        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => store.Attempts.Count == 2 && _time.ActiveTimers == 1, "second attempt failed");

        Assert.False(sink.Completion.IsCompleted);
        Volatile.Write(ref down, false);
        _time.Advance(TimeSpan.FromSeconds(2));
        await sink.Completion.WaitAsync(Hang);
        Assert.Equal(3, store.CandleCount);
    }

    [Fact]
    public async Task Write_RetriesExhausted_FaultsLoudlyWithTheStoreError()
    {
        var error = new IOException("disk full");
        var store = new FakeMarketStore(_time) { Failure = (_, _) => error };
        var logger = new ListLogger<SinkBlock>();
        var sink = new SinkBlock(store, new SinkBlockOptions { MaxRetryAttempts = 2, TimeProvider = _time, InitialRetryDelay = TimeSpan.FromMilliseconds(1) }, logger);

        await sink.SendAsync(SinkBatches.Candles(0, 1));
        sink.Complete();
        for (var i = 0; i < 2; i++)
        {
            var attempts = i + 1;
            await Eventually.TrueAsync(() => store.Attempts.Count == attempts && _time.ActiveTimers == 1, "attempt failed, retry armed");
            _time.Advance(TimeSpan.FromMilliseconds(2));
        }

        var thrown = await Assert.ThrowsAsync<IOException>(() => sink.Completion.WaitAsync(Hang));
        Assert.Same(error, thrown);
        Assert.Equal(3, store.Attempts.Count);
        Assert.False(await sink.SendAsync(SinkBatches.Candles(1, 1)));
        Assert.Contains(logger.Entries, e => e.EventId.Id == 6005 && e.Message.Contains("1 accepted items", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancel_WhileTheStoreIsDown_EndsCanceledAndLogsWhatWasDropped()
    {
        using var cts = new CancellationTokenSource();
        var store = new FakeMarketStore(_time) { Failure = (_, _) => new IOException("down") };
        var logger = new ListLogger<SinkBlock>();
        var sink = new SinkBlock(store, new SinkBlockOptions { TimeProvider = _time, CancellationToken = cts.Token, BatchSize = 2 }, logger);

        await sink.SendAsync(SinkBatches.Candles(0, 5));
        await Eventually.TrueAsync(() => _time.ActiveTimers == 1, "retry armed");
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sink.Completion.WaitAsync(Hang));
        Assert.True(sink.Completion.IsCanceled);
        Assert.Equal(0, sink.Statistics.Backlog);
        Assert.Contains(logger.Entries, e => e.EventId.Id == 6006 && e.Message.Contains("5 accepted items", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_OutOfRange_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SinkBlockOptions { BatchSize = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SinkBlockOptions { FlushInterval = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SinkBlockOptions { BufferCapacity = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SinkBlockOptions { BoundedCapacity = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SinkBlockOptions { InitialRetryDelay = TimeSpan.FromHours(2) });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SinkBlockOptions { MaxRetryAttempts = -1 });
        Assert.Throws<ArgumentNullException>(() => new SinkBlockOptions { TimeProvider = null! });
        Assert.Throws<ArgumentNullException>(() => new SinkBlock(null!));
    }

    [Fact]
    public async Task OfferMessage_Null_IsDeclined()
    {
        var sink = new SinkBlock(new FakeMarketStore(_time), new SinkBlockOptions { TimeProvider = _time });

        var status = ((ITargetBlock<MarketBatch>)sink).OfferMessage(new DataflowMessageHeader(1), null!, null, consumeToAccept: false);

        Assert.Equal(DataflowMessageStatus.Declined, status);
        sink.Complete();
        await sink.Completion.WaitAsync(Hang);
    }
}
