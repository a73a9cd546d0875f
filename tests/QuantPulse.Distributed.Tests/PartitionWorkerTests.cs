using QuantPulse.Distributed.Internal;
using QuantPulse.Distributed.Tests.Testing;
using QuantPulse.Storage;
using QuantPulse.Tests.Testing;
using StackExchange.Redis;

namespace QuantPulse.Distributed.Tests;

[Collection(ServersCollection.Name)]
public sealed class PartitionWorkerTests(Servers servers)
{
    private const int Partitions = 8;

    [Fact]
    public async Task RunAsync_ThreeWorkersOneKilledAndReplaced_StoresWhatOneProcessStoresAndBothFeedsAgree()
    {
        // The reference (referenceDb): one process, Core's pipeline and sink.
        await using var run = await PartitionedRun.StartAsync(servers, symbols: 40, ticksPerSymbol: 600, Partitions);
        var (ticks, symbols, prefix, referenceDb, db, store, redis, ingest) = run;
        var half = ticks.Count / 2;

        using var stop = new CancellationTokenSource();
        var dashboards = new[] { new EventStreamReader(redis, prefix), new EventStreamReader(redis, prefix) };
        using var feedStop = new CancellationTokenSource();
        var feeds = dashboards.Select(d => CollectAsync(d, feedStop.Token)).ToList();
        var doomedRedis = await servers.Redis.ConnectAsync();
        using var doomedStop = new CancellationTokenSource();
        var doomed = Worker(doomedRedis, store, db, prefix, "w-doomed");
        var doomedRun = doomed.RunAsync(doomedStop.Token);
        var survivors = new[] { Worker(redis, store, db, prefix, "w-b"), Worker(redis, store, db, prefix, "w-c") };
        var runs = survivors.Select(w => w.RunAsync(stop.Token)).ToList();

        await ingest.RunAsync(new ListTickSource(ticks.Take(half).ToList()));
        await Eventually.TrueAsync(() => doomed.EntriesAcknowledged > 0 && doomed.OwnedPartitions.Count > 0, "the doomed worker works a partition");

        // Killed: its connection drops, whatever it was doing; its leases stay until they expire.
        var orphaned = doomed.OwnedPartitions;
        await doomedRedis.DisposeAsync();
        await doomedStop.CancelAsync();
        await Record.ExceptionAsync(() => doomedRun);

        await ingest.RunAsync(new ListTickSource(ticks.Skip(half).ToList()));
        var replacement = Worker(redis, store, db, prefix, "w-replacement");
        runs.Add(replacement.RunAsync(stop.Token));

        await Streams.WaitAsync(() => Streams.AllAcknowledgedAsync(redis, prefix, Partitions, StreamKeys.WorkerGroup), "every tick stored and acknowledged");
        await stop.CancelAsync();
        await Task.WhenAll(runs);

        // The workers have stopped: the dashboards read on until they reach the last event published.
        var lastEvent = (string)(await redis.GetDatabase().StreamInfoAsync(prefix.Events)).LastGeneratedId!;
        await Eventually.TrueAsync(() => dashboards.All(d => d.LastId == lastEvent), "both dashboards read every event");
        await feedStop.CancelAsync();
        var events = await Task.WhenAll(feeds);

        Assert.Equal(ticks.Count, ingest.Written);
        Assert.NotEmpty(orphaned);
        Assert.True(replacement.TicksReplayed + survivors.Sum(w => w.TicksReplayed) > 0, "a partition was taken over by replaying its journal");
        await using var expectedStore = await Roles.OpenAsync(referenceDb);
        var expected = await Market.ReadAsync(expectedStore, symbols);
        var actual = await Market.ReadAsync(store, symbols);
        Market.AssertSameStored(expected, actual);

        // Both dashboards saw the same events, in the same order, and every stored candle, signal and trade among them.
        Assert.Equal(events[0], events[1]);
        Assert.Empty(expected.Candles.Select(c => "candle " + c).Except(events[0]));
        Assert.Empty(expected.SignalKeys.Select(s => "signal " + s).Except(events[0]));
        Assert.Empty(expected.TradeKeys.Select(t => "trade " + t).Except(events[0]));
    }

    [Fact]
    public async Task RunAsync_WorkersJoinWhileOneOwnsEveryPartition_OwnershipSpreadsAndStoresWhatOneProcessStores()
    {
        await using var run = await PartitionedRun.StartAsync(servers, symbols: 24, ticksPerSymbol: 600, Partitions);
        var (ticks, symbols, prefix, referenceDb, db, store, redis, ingest) = run;
        var third = ticks.Count / 3;
        using var stop = new CancellationTokenSource();
        var runs = new List<Task>();
        var workers = new List<PartitionWorker>();
        void Join(string id)
        {
            var worker = Roles.Worker(redis, store, db, prefix, id, Partitions, maxPartitions: int.MaxValue, lease: TimeSpan.FromSeconds(3));
            workers.Add(worker);
            runs.Add(worker.RunAsync(stop.Token));
        }

        // One worker alone owns every partition and works a third of the ticks.
        Join("w-a");
        await WaitForOwnersAsync(redis, prefix, 8);
        await ingest.RunAsync(new ListTickSource(ticks.Take(third).ToList()));
        await Streams.WaitAsync(() => Streams.AllAcknowledgedAsync(redis, prefix, Partitions, StreamKeys.WorkerGroup), "the first third stored and acknowledged");

        // A second worker joins: half the partitions move to it.
        Join("w-b");
        await WaitForOwnersAsync(redis, prefix, 4, 4);
        await ingest.RunAsync(new ListTickSource(ticks.Skip(third).Take(third).ToList()));
        await Streams.WaitAsync(() => Streams.AllAcknowledgedAsync(redis, prefix, Partitions, StreamKeys.WorkerGroup), "the second third stored and acknowledged");

        // A third joins while the last third is being written.
        var last = ingest.RunAsync(new ListTickSource(ticks.Skip(2 * third).ToList()));
        Join("w-c");
        await WaitForOwnersAsync(redis, prefix, 3, 3, 2);
        await last;
        await Streams.WaitAsync(() => Streams.AllAcknowledgedAsync(redis, prefix, Partitions, StreamKeys.WorkerGroup), "every tick stored and acknowledged");
        var owned = workers.Select(w => w.OwnedPartitions).ToList();
        await stop.CancelAsync();
        await Task.WhenAll(runs);

        Assert.Equal(Enumerable.Range(0, Partitions), owned.SelectMany(o => o).Order());
        Assert.Equal([2, 3, 3], workers.Select(w => w.Share).Order());
        Assert.Equal(workers.Select(w => w.Share), owned.Select(o => o.Count));
        Assert.True(workers[0].PartitionsHandedOver >= 5, $"w-a handed {workers[0].PartitionsHandedOver} partitions over");
        Assert.True(workers[1].TicksReplayed > 0 && workers[2].TicksReplayed > 0, "the partitions handed over were resumed from the journal");
        Assert.Equal(0, await redis.GetDatabase().HashLengthAsync(prefix.Workers));
        await using var expectedStore = await Roles.OpenAsync(referenceDb);
        Market.AssertSameStored(await Market.ReadAsync(expectedStore, symbols), await Market.ReadAsync(store, symbols));
    }

    // Waits until every partition's lease is held and the holders own exactly these counts (largest first).
    private static Task WaitForOwnersAsync(ConnectionMultiplexer redis, StreamKeys keys, params int[] counts) =>
        Streams.WaitAsync(
            async () =>
            {
                var owners = await WorkerRoster.OwnersAsync(redis.GetDatabase(), keys, Partitions);
                return owners.All(o => o is not null)
                    && owners.GroupBy(o => o).Select(g => g.Count()).OrderDescending().SequenceEqual(counts);
            },
            $"the partitions are owned {string.Join('/', counts)}");

    private static async Task<List<string>> CollectAsync(EventStreamReader reader, CancellationToken cancellationToken)
    {
        var seen = new List<string>();
        try
        {
            await foreach (var batch in reader.ReadAsync(fromStart: true, cancellationToken))
            {
                seen.AddRange(batch.Candles.Select(c => "candle " + Market.Describe(c.Candle)));
                seen.AddRange(batch.Signals.Select(s => "signal " + Market.Key(s.Signal)));
                seen.AddRange(batch.Trades.Where(t => !t.Trade.IsOpen).Select(t => "trade " + Market.Key(t.Trade)));
            }
        }
        catch (OperationCanceledException)
        {
            // The test stopped reading.
        }

        return seen;
    }

    private static PartitionWorker Worker(ConnectionMultiplexer redis, IMarketStore store, string db, StreamKeys keys, string id) =>
        Roles.Worker(redis, store, db, keys, id, Partitions, maxPartitions: 3, lease: TimeSpan.FromSeconds(3));
}
