using QuantPulse.Distributed.Hosting;
using QuantPulse.Distributed.Tests.Testing;
using QuantPulse.Storage;

namespace QuantPulse.Distributed.Tests.Hosting;

[Collection(ServersCollection.Name)]
public sealed class RoleMonitorTests(Servers servers)
{
    [Fact]
    public async Task SampleAsync_OwnedPartitionLagAboveReadyMaxLag_IsNotReadyUntilItIsRead()
    {
        using var redis = await servers.Redis.ConnectAsync();
        var db = await servers.Postgres.CreateDatabaseAsync();
        await using var store = await MarketStore.OpenAsync(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = db });
        var options = new DistributedHostOptions { KeyPrefix = "r" + Guid.NewGuid().ToString("N")[..8], PartitionCount = 2, ReadyMaxLag = 2 };
        var keys = options.Keys;
        var database = redis.GetDatabase();
        for (var i = 0; i < 5; i++)
        {
            await database.StreamAddAsync(keys.Ticks(0), "n", i);
            await database.StreamAddAsync(keys.Ticks(1), "n", i);
        }

        await database.StreamCreateConsumerGroupAsync(keys.Ticks(0), StreamKeys.WorkerGroup, "0-0");
        await database.StringSetAsync(keys.Lease(0), "w-1:1");
        var role = new RoleStatus(DistributedRole.Worker, options)
        {
            Worker = new PartitionWorker(redis, store, Market.Pipeline, new WorkerOptions { WorkerId = "w-1", JournalConnectionString = db, Keys = keys }),
        };
        using var metrics = new DistributedMetrics(role);
        using var monitor = new RoleMonitor(redis, role, metrics, TimeProvider.System);

        await monitor.SampleAsync();
        var behind = (role.IsReady, role.Description, string.Join(',', role.Partitions.Select(p => p.Partition)));
        await database.StreamReadGroupAsync(keys.Ticks(0), StreamKeys.WorkerGroup, "w-1", ">", count: 4);
        await monitor.SampleAsync();

        // Partition 1 lags too, but another worker's (here: nobody's) lag is not this worker's readiness.
        Assert.Equal((false, "1 partition(s) owned, largest lag 5 exceeds QuantPulse:Distributed:ReadyMaxLag 2", "0"), behind);
        Assert.True(role.IsReady, role.Description);
        Assert.Equal("1 partition(s) owned, largest lag 1", role.Description);
    }
}
