using QuantPulse.Distributed.Tests.Testing;

namespace QuantPulse.Distributed.Tests;

[Collection(ServersCollection.Name)]
public sealed class PartitionMonitorTests(Servers servers)
{
    [Fact]
    public async Task SampleAsync_GroupReadPartOfAStream_ReportsLagPendingAndOwner()
    {
        using var redis = await servers.Redis.ConnectAsync();
        var keys = new StreamKeys("m" + Guid.NewGuid().ToString("N")[..8]);
        var database = redis.GetDatabase();
        for (var i = 0; i < 5; i++)
        {
            await database.StreamAddAsync(keys.Ticks(0), "n", i);
        }

        await database.StreamAddAsync(keys.Ticks(1), "n", 0);
        await database.StreamCreateConsumerGroupAsync(keys.Ticks(0), StreamKeys.WorkerGroup, "0-0");
        var read = await database.StreamReadGroupAsync(keys.Ticks(0), StreamKeys.WorkerGroup, "w-1", ">", count: 2);
        await database.StreamAcknowledgeAsync(keys.Ticks(0), StreamKeys.WorkerGroup, read[0].Id);
        await database.StringSetAsync(keys.Lease(0), "w-1:7");

        var states = await new PartitionMonitor(redis, keys, partitionCount: 3).SampleAsync();

        Assert.Equal(new PartitionState(0, 5, 3, 1, "w-1"), states[0]);
        Assert.Equal(new PartitionState(1, 1, 1, 0, null), states[1]); // No group yet: everything is behind.
        Assert.Equal(new PartitionState(2, 0, 0, 0, null), states[2]);
    }
}
