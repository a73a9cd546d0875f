using QuantPulse.Distributed.Internal;
using QuantPulse.Distributed.Tests.Testing;

namespace QuantPulse.Distributed.Tests.Internal;

[Collection(ServersCollection.Name)]
public sealed class WorkerRosterRedisTests(Servers servers)
{
    [Fact]
    public async Task RefreshAsync_AWorkerStopsRefreshing_LeavesTheRosterOnceItsEntryExpires()
    {
        using var redis = await servers.Redis.ConnectAsync();
        var db = redis.GetDatabase();
        var keys = new StreamKeys("w" + Guid.NewGuid().ToString("N")[..8]);

        Assert.Equal(new[] { ("dead", 3) }, await WorkerRoster.RefreshAsync(db, keys, "dead", TimeSpan.FromMilliseconds(50), 3));
        var both = await WorkerRoster.RefreshAsync(db, keys, "alive", TimeSpan.FromMinutes(1), int.MaxValue);

        // Expiry is Redis server time: poll until the entry is gone (a hang guard, not a measurement).
        await Streams.WaitAsync(
            async () => (await WorkerRoster.RefreshAsync(db, keys, "alive", TimeSpan.FromMinutes(1), int.MaxValue)).Count == 1,
            "the dead worker's entry expired");
        Assert.Equal(new[] { ("alive", int.MaxValue) }, await WorkerRoster.RefreshAsync(db, keys, "alive", TimeSpan.FromMinutes(1), int.MaxValue));
        Assert.False(await db.HashExistsAsync(keys.Workers, "dead"));
        Assert.Contains(("alive", int.MaxValue), both);

        await WorkerRoster.LeaveAsync(db, keys, "alive");
        Assert.Equal(0, await db.HashLengthAsync(keys.Workers));
    }
}
