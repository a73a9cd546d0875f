using QuantPulse.Distributed.Archive;
using QuantPulse.Distributed.Internal;
using QuantPulse.Distributed.Tests.Archive;
using QuantPulse.Distributed.Tests.Testing;
using QuantPulse.Storage;
using StackExchange.Redis;

namespace QuantPulse.Distributed.Tests;

[Collection(ServersCollection.Name)]
public sealed class RedisRestartTests(Servers servers)
{
    private const int Partitions = 4;

    [Fact]
    public async Task Roles_RedisKilledAndRestartedMidRunWithAppendOnlyFile_LoseNothingAcknowledgedAndFinish()
    {
        await using var run = await PartitionedRun.StartAsync(servers, symbols: 16, ticksPerSymbol: 300, Partitions);
        var (ticks, symbols, keys, referenceDb, db, store, redis, ingest) = run;
        var firstPart = ticks.Count / 3;
        await ingest.RunAsync(new ListTickSource(ticks.Take(firstPart).ToList()));

        using var stop = new CancellationTokenSource();
        var workers = new[] { Worker(redis, store, db, keys, "w-1"), Worker(redis, store, db, keys, "w-2") };
        var archiver = new TickArchiver(redis, TickArchiverTests.Options(db, keys, "archiver-1", partitions: Partitions));
        var runs = workers.Select(w => w.RunAsync(stop.Token)).Append(archiver.RunAsync(stop.Token)).ToList();
        await Streams.WaitAsync(
            () => Task.FromResult(workers.Sum(w => w.EntriesAcknowledged) > 0 && archiver.EntriesAcknowledged > 0),
            "the workers and the archiver acknowledged entries");

        // What both groups had acknowledged just before Redis is killed (SIGKILL): the last delivered id and the pending list.
        var before = await SnapshotAsync(redis, keys);
        await servers.Redis.RestartAsync();
        await Streams.WaitAsync(async () => (await redis.GetDatabase().PingAsync()) >= TimeSpan.Zero, "the client reconnected");
        var after = await SnapshotAsync(redis, keys);

        // Nothing acknowledged came back: every entry pending now that was delivered before the kill was pending then.
        foreach (var ((stream, group), (lastDelivered, pending)) in before)
        {
            var (lastAfter, pendingAfter) = after[(stream, group)];
            Assert.True(Compare(lastAfter, lastDelivered) >= 0, $"{stream} {group}: delivered up to {lastDelivered} before, {lastAfter} after");
            Assert.Empty(pendingAfter.Where(id => Compare(id, lastDelivered) <= 0).Except(pending));
        }

        Assert.Equal(firstPart, await LengthAsync(redis, keys));

        // The same client writes on, and every role finishes.
        await ingest.RunAsync(new ListTickSource(ticks.Skip(firstPart).ToList()));
        await Streams.WaitAsync(() => Streams.AllAcknowledgedAsync(redis, keys, Partitions, StreamKeys.WorkerGroup), "the workers acknowledged every tick");
        await Streams.WaitAsync(() => Streams.AllAcknowledgedAsync(redis, keys, Partitions, StreamKeys.ArchiverGroup), "the archiver acknowledged every tick");
        await stop.CancelAsync();
        await Task.WhenAll(runs);

        Assert.Equal(ticks.Count, ingest.Written);
        Assert.Equal(ticks.Count, await LengthAsync(redis, keys));
        Assert.Equal(ticks.Count, await Streams.ScalarAsync<long>(db, "SELECT count(*) FROM tick_archive"));
        await using var expectedStore = await Roles.OpenAsync(referenceDb);
        var expected = await Market.ReadAsync(expectedStore, symbols);
        var actual = await Market.ReadAsync(store, symbols);
        Assert.NotEmpty(expected.Candles);
        Assert.Equal(expected.Candles, actual.Candles);
        Assert.Equal(expected.Signals, actual.Signals);
        Assert.Equal(expected.Trades, actual.Trades);
    }

    private static PartitionWorker Worker(ConnectionMultiplexer redis, IMarketStore store, string db, StreamKeys keys, string id) =>
        Roles.Worker(redis, store, db, keys, id, Partitions, maxPartitions: 2, lease: TimeSpan.FromSeconds(2), eventsMaxLength: 0);

    private static async Task<long> LengthAsync(ConnectionMultiplexer redis, StreamKeys keys)
    {
        long length = 0;
        for (var p = 0; p < Partitions; p++)
        {
            length += await redis.GetDatabase().StreamLengthAsync(keys.Ticks(p));
        }

        return length;
    }

    private static async Task<Dictionary<(int Stream, string Group), (string LastDelivered, List<string> Pending)>> SnapshotAsync(ConnectionMultiplexer redis, StreamKeys keys)
    {
        var database = redis.GetDatabase();
        var snapshot = new Dictionary<(int, string), (string, List<string>)>();
        for (var p = 0; p < Partitions; p++)
        {
            foreach (var group in (string[])[StreamKeys.WorkerGroup, StreamKeys.ArchiverGroup])
            {
                // The last delivered id first: whatever is acknowledged between the two reads is then counted acknowledged, as it is.
                var info = (await database.StreamGroupInfoAsync(keys.Ticks(p))).SingleOrDefault(g => g.Name == group);
                if (info.Name is null)
                {
                    continue;
                }

                var pending = await database.StreamPendingMessagesAsync(keys.Ticks(p), group, 1_000_000, RedisValue.Null);
                snapshot[(p, group)] = (info.LastDeliveredId ?? "0-0", [.. pending.Select(m => (string)m.MessageId!)]);
            }
        }

        return snapshot;
    }

    private static int Compare(string a, string b) => StreamId.Parse(a).CompareTo(StreamId.Parse(b));
}
