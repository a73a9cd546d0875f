using QuantPulse.Model;
using QuantPulse.Storage;
using StackExchange.Redis;

namespace QuantPulse.Distributed.Tests.Testing;

/// <summary>
/// What a partitioned run is checked against and written through: the simulated market's ticks and symbols, fresh
/// stream keys, the database one process stores from the same ticks, and an empty database with its store, a Redis
/// connection and the ingest that writes the ticks into the partitions.
/// </summary>
internal sealed class PartitionedRun : IAsyncDisposable
{
    private PartitionedRun(List<Tick> ticks, StreamKeys keys, string referenceDb, string db, IMarketStore store, ConnectionMultiplexer redis, TickIngest ingest)
    {
        Ticks = ticks;
        Symbols = ticks.Select(t => t.Symbol).Distinct().ToList();
        Keys = keys;
        ReferenceDb = referenceDb;
        Db = db;
        Store = store;
        Redis = redis;
        Ingest = ingest;
    }

    public List<Tick> Ticks { get; }

    public List<string> Symbols { get; }

    public StreamKeys Keys { get; }

    /// <summary>The database one process stored the same ticks into: what the run must store.</summary>
    public string ReferenceDb { get; }

    public string Db { get; }

    public IMarketStore Store { get; }

    public ConnectionMultiplexer Redis { get; }

    public TickIngest Ingest { get; }

    public static async Task<PartitionedRun> StartAsync(Servers servers, int symbols, int ticksPerSymbol, int partitions)
    {
        var ticks = await Market.TicksAsync(symbols, ticksPerSymbol);
        var keys = new StreamKeys("t" + Guid.NewGuid().ToString("N")[..8]);
        var referenceDb = await Roles.SingleProcessAsync(servers.Postgres, ticks);
        var db = await servers.Postgres.CreateDatabaseAsync();
        var store = await Roles.OpenAsync(db);
        var redis = await servers.Redis.ConnectAsync();
        var ingest = new TickIngest(redis, new IngestOptions { PartitionCount = partitions, Keys = keys });
        return new PartitionedRun(ticks, keys, referenceDb, db, store, redis, ingest);
    }

    public void Deconstruct(
        out List<Tick> ticks,
        out List<string> symbols,
        out StreamKeys keys,
        out string referenceDb,
        out string db,
        out IMarketStore store,
        out ConnectionMultiplexer redis,
        out TickIngest ingest) =>
        (ticks, symbols, keys, referenceDb, db, store, redis, ingest) = (Ticks, Symbols, Keys, ReferenceDb, Db, Store, Redis, Ingest);

    public async ValueTask DisposeAsync()
    {
        Redis.Dispose();
        await Store.DisposeAsync();
    }
}
