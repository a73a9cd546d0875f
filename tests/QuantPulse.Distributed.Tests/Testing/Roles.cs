using QuantPulse.Model;
using QuantPulse.Storage;
using QuantPulse.Tests.Storage.Postgres;
using StackExchange.Redis;

namespace QuantPulse.Distributed.Tests.Testing;

/// <summary>The roles as the scale-out tests set them up.</summary>
public static class Roles
{
    /// <summary>A pipeline worker running <see cref="Market.Pipeline"/>, polling every 10 ms.</summary>
    public static PartitionWorker Worker(
        ConnectionMultiplexer redis, IMarketStore store, string db, StreamKeys keys, string id, int partitions, int maxPartitions, TimeSpan lease, long eventsMaxLength = 100_000) =>
        new(redis, store, Market.Pipeline, new WorkerOptions
        {
            WorkerId = id,
            PartitionCount = partitions,
            MaxPartitions = maxPartitions,
            LeaseDuration = lease,
            PollInterval = TimeSpan.FromMilliseconds(10),
            EventsMaxLength = eventsMaxLength,
            JournalConnectionString = db,
            Keys = keys,
        });

    /// <summary>Runs <paramref name="ticks"/> through one process into a new database; returns its connection string.</summary>
    public static async Task<string> SingleProcessAsync(PostgresServer postgres, IReadOnlyList<Tick> ticks)
    {
        var db = await postgres.CreateDatabaseAsync();
        await using var reference = await OpenAsync(db);
        await Market.RunSingleProcessAsync(ticks, reference);
        return db;
    }

    /// <summary>Opens Core's PostgreSQL store.</summary>
    public static Task<IMarketStore> OpenAsync(string db) =>
        MarketStore.OpenAsync(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = db });
}
