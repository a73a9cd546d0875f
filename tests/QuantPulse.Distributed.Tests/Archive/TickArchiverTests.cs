using System.Diagnostics.Metrics;
using System.Globalization;
using QuantPulse.Candles;
using QuantPulse.Distributed.Archive;
using QuantPulse.Distributed.Internal;
using QuantPulse.Distributed.Tests.Testing;
using QuantPulse.Model;
using QuantPulse.Pipeline;
using StackExchange.Redis;

namespace QuantPulse.Distributed.Tests.Archive;

[Collection(ServersCollection.Name)]
public sealed class TickArchiverTests(Servers servers)
{
    private const int Partitions = 4;

    [Fact]
    public async Task RunAsync_KilledBetweenCommitAndAcknowledgeThenReplaced_ArchivesEveryTickOnceWithLiveCandles()
    {
        // 12 simulated symbols, 75 minutes each: two hours and one day of candles.
        var ticks = await Market.TicksAsync(symbols: 12, ticksPerSymbol: 1500);
        var keys = new StreamKeys("a" + Guid.NewGuid().ToString("N")[..8]);
        var db = await servers.Postgres.CreateDatabaseAsync();
        using var redis = await servers.Redis.ConnectAsync();
        var ingest = new TickIngest(redis, new IngestOptions { PartitionCount = Partitions, Keys = keys });
        var half = ticks.Count / 2;
        await ingest.RunAsync(new ListTickSource(ticks.Take(half).ToList()));

        // The doomed archiver commits its second batch and dies before acknowledging it: a lost acknowledgement.
        var doomedRedis = await servers.Redis.ConnectAsync();
        var doomed = new TickArchiver(doomedRedis, Options(db, keys, "archiver-doomed"))
        {
            AfterCommit = async batch =>
            {
                if (batch == 2)
                {
                    await doomedRedis.DisposeAsync();
                    throw new InvalidOperationException("killed");
                }
            },
        };
        await Assert.ThrowsAsync<InvalidOperationException>(() => doomed.RunAsync());
        Assert.Equal(2, doomed.BatchesWritten);
        var orphaned = await PendingAsync(redis, keys);
        Assert.True(orphaned > 0, "the doomed archiver left committed entries unacknowledged");

        await ingest.RunAsync(new ListTickSource(ticks.Skip(half).ToList()));
        using var metrics = new ArchiverMetrics();
        var recorded = new List<int>();
        using var listener = Listen(recorded);
        var replacement = new TickArchiver(redis, Options(db, keys, "archiver-replacement", o => o.ClaimIdleTime = TimeSpan.Zero), metrics);
        using var stop = new CancellationTokenSource();
        var run = replacement.RunAsync(stop.Token);
        await Streams.WaitAsync(() => Streams.AllAcknowledgedAsync(redis, keys, Partitions, StreamKeys.ArchiverGroup), "every tick archived and acknowledged");
        await stop.CancelAsync();
        await run;

        Assert.Equal(orphaned, replacement.EntriesClaimed);
        Assert.Equal(orphaned, replacement.RowsSkipped);
        Assert.Equal(ticks.Count, doomed.RowsWritten + replacement.RowsWritten);
        Assert.Equal(ticks.Count - doomed.EntriesAcknowledged, replacement.EntriesAcknowledged);

        // Every tick once, with the digits it had.
        var expected = ticks.Select(Describe).Order(StringComparer.Ordinal).ToList();
        var archived = await Streams.RowsAsync(db, "SELECT symbol, to_char(\"time\" AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), price, size, source FROM tick_archive");
        Assert.Equal(expected, archived.Order(StringComparer.Ordinal).ToList());

        // The aggregates equal live candles from the same ticks, and 5m/1h/1d equal the 1m resampled.
        var store = new ArchiveStore(db);
        var allLive = await LiveCandlesAsync(ticks);
        foreach (var symbol in ticks.Select(t => t.Symbol).Distinct())
        {
            var live = allLive.Where(c => c.Symbol == symbol).OrderBy(c => c.OpenTime).ToList();
            foreach (var timeframe in ArchiveStore.Timeframes)
            {
                var aggregated = await store.CandlesAsync(symbol, timeframe, CancellationToken.None);
                Assert.NotEmpty(aggregated);
                Assert.Equal(live.Where(c => c.Timeframe == timeframe).Select(Market.Describe), aggregated.Select(Market.Describe));
                if (timeframe != Timeframe.OneMinute)
                {
                    var minutes = await store.CandlesAsync(symbol, Timeframe.OneMinute, CancellationToken.None);
                    var resampled = CandleResampler.Resample(minutes, timeframe, now: DateTimeOffset.MaxValue);
                    Assert.Equal(resampled.Select(Market.Describe), aggregated.Select(Market.Describe));
                }
            }
        }

        Assert.Equal(2, (await store.CandlesAsync(ticks[0].Symbol, Timeframe.OneHour, CancellationToken.None)).Count);
        Assert.Equal(replacement.BatchesWritten, recorded.Count);
        Assert.Equal(ticks.Count - doomed.EntriesAcknowledged, recorded.Sum());
    }

    [Fact]
    public async Task MaintainAsync_RetentionOfThreeDays_DetachesOlderPartitionsAndSkipsTheirTicks()
    {
        var today = new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
        var ticks = Enumerable.Range(0, 6)
            .SelectMany(day => Enumerable.Range(0, 10).Select(i => new Tick("RET", today.AddDays(day - 5).AddMinutes(i), 100m + i, 1m, "simulated")))
            .ToList();
        var keys = new StreamKeys("r" + Guid.NewGuid().ToString("N")[..8]);
        var db = await servers.Postgres.CreateDatabaseAsync();
        using var redis = await servers.Redis.ConnectAsync();
        await new TickIngest(redis, new IngestOptions { PartitionCount = Partitions, Keys = keys }).RunAsync(new ListTickSource(ticks));
        var clock = new FixedClock(today);

        // Without retention every day is archived, each in a partition of its own.
        var keepAll = new TickArchiver(redis, Options(db, keys, "archiver-all", o =>
        {
            o.TimeProvider = clock;
            o.PartitionsAhead = 2;
        }));
        await RunUntilArchivedAsync(keepAll, redis, keys);
        Assert.Equal(60, await Streams.ScalarAsync<long>(db, "SELECT count(*) FROM tick_archive"));

        var archiver = new TickArchiver(redis, Options(db, keys, "archiver-retention", o =>
        {
            o.TimeProvider = clock;
            o.RetentionDays = 3;
            o.PartitionsAhead = 2;
            o.DropDetachedPartitions = false;
        }));
        var maintenance = await archiver.MaintainAsync();

        Assert.False(maintenance.Hypertable);
        Assert.Equal(new[] { Day(5), Day(6) }, maintenance.Detached);
        Assert.Equal(Enumerable.Range(7, 6).Select(Day), maintenance.Partitions);
        Assert.Equal(40, await Streams.ScalarAsync<long>(db, "SELECT count(*) FROM tick_archive"));
        Assert.Equal(10, await Streams.ScalarAsync<long>(db, "SELECT count(*) FROM tick_archive_p20260305"));

        // A late tick of a detached day is acknowledged and counted, not archived, and brings no partition back.
        await new TickIngest(redis, new IngestOptions { PartitionCount = Partitions, Keys = keys }).RunAsync(new ListTickSource([new Tick("RET", Day(5).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), 99m, 1m, "simulated")]));
        await RunUntilArchivedAsync(archiver, redis, keys);
        Assert.Equal(1, archiver.EntriesRejected);
        Assert.Equal(40, await Streams.ScalarAsync<long>(db, "SELECT count(*) FROM tick_archive"));
        Assert.Equal(Enumerable.Range(7, 6).Select(Day), (await archiver.MaintainAsync()).Partitions);

        // Dropping instead of keeping: the detached day's table is gone.
        var dropping = new TickArchiver(redis, Options(db, keys, "archiver-drop", o =>
        {
            o.TimeProvider = new FixedClock(today.AddDays(1));
            o.RetentionDays = 3;
        }));
        Assert.Equal(new[] { Day(7) }, (await dropping.MaintainAsync()).Detached);
        Assert.Equal(0, await Streams.ScalarAsync<long>(db, "SELECT count(*) FROM pg_class WHERE relname = 'tick_archive_p20260307'"));
        Assert.Equal(1, await Streams.ScalarAsync<long>(db, "SELECT count(*) FROM pg_class WHERE relname = 'tick_archive_p20260305'"));
    }

    private static DateOnly Day(int day) => new(2026, 3, day);

    private static async Task RunUntilArchivedAsync(TickArchiver archiver, ConnectionMultiplexer redis, StreamKeys keys)
    {
        using var stop = new CancellationTokenSource();
        var run = archiver.RunAsync(stop.Token);
        await Streams.WaitAsync(() => Streams.AllAcknowledgedAsync(redis, keys, Partitions, StreamKeys.ArchiverGroup), "every tick archived and acknowledged");
        await stop.CancelAsync();
        await run;
    }

    internal static ArchiverOptions Options(string db, StreamKeys keys, string consumer, Action<ArchiverOptions>? configure = null, int partitions = Partitions)
    {
        var options = new ArchiverOptions
        {
            ConnectionString = db,
            PartitionCount = partitions,
            KeyPrefix = keys.Prefix,
            ConsumerName = consumer,
            BatchSize = 1000,
            FlushInterval = TimeSpan.FromMilliseconds(50),
            PollInterval = TimeSpan.FromMilliseconds(10),
            ClaimInterval = TimeSpan.FromMilliseconds(100),
            RetryDelay = TimeSpan.FromMilliseconds(100),
        };
        configure?.Invoke(options);
        return options;
    }

    private static async Task<long> PendingAsync(ConnectionMultiplexer redis, StreamKeys keys)
    {
        long pending = 0;
        for (var p = 0; p < Partitions; p++)
        {
            pending += (await redis.GetDatabase().StreamGroupInfoAsync(keys.Ticks(p))).Single(g => g.Name == StreamKeys.ArchiverGroup).PendingMessageCount;
        }

        return pending;
    }

    /// <summary>A tick as the archive's rows read back: symbol, UTC time to the microsecond, price, size, source.</summary>
    internal static string Describe(Tick t) =>
        string.Create(CultureInfo.InvariantCulture, $"{t.Symbol} {t.Time.UtcDateTime:yyyy-MM-ddTHH:mm:ss.ffffff} {t.Price} {t.Size} {t.Source}");

    // The candles the live pipeline closes from the same ticks (closed on ticks, the last ones at the end of the source).
    private static async Task<List<Candle>> LiveCandlesAsync(IReadOnlyList<Tick> ticks)
    {
        var closed = new List<Candle>();
        await new MarketPipelineBuilder(new ListTickSource(ticks))
            .WithOptions(new MarketPipelineOptions { CloseCandlesAtEnd = true })
            .WithCandles(new CandleBlockOptions { Timeframes = [.. ArchiveStore.Timeframes] })
            .OnBatch(batch => closed.AddRange(batch.Candles.Select(c => c.Candle)))
            .Build()
            .RunAsync();
        return closed;
    }

    private static MeterListener Listen(List<int> batchSizes)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ArchiverMetrics.MeterName && instrument.Name == "quantpulse.archiver.batch.size")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((_, value, _, _) =>
        {
            lock (batchSizes)
            {
                batchSizes.Add(value);
            }
        });
        listener.Start();
        return listener;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
