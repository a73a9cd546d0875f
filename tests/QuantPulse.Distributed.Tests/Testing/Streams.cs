using StackExchange.Redis;

namespace QuantPulse.Distributed.Tests.Testing;

/// <summary>What the tick streams and the workers' group hold, read straight from Redis.</summary>
public static class Streams
{
    /// <summary>Every partition's entries were delivered to the workers' group and acknowledged.</summary>
    public static bool AllAcknowledged(ConnectionMultiplexer redis, StreamKeys keys, int partitions)
    {
        var database = redis.GetDatabase();
        for (var p = 0; p < partitions; p++)
        {
            if (!database.KeyExists(keys.Ticks(p)))
            {
                return false;
            }

            var info = database.StreamInfo(keys.Ticks(p));
            var group = database.StreamGroupInfo(keys.Ticks(p)).SingleOrDefault(g => g.Name == StreamKeys.WorkerGroup);
            if (group.Name is null || group.PendingMessageCount > 0 || group.LastDeliveredId != info.LastGeneratedId)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Entries in all the tick streams.</summary>
    public static long Length(ConnectionMultiplexer redis, StreamKeys keys, int partitions)
    {
        var database = redis.GetDatabase();
        return Enumerable.Range(0, partitions).Sum(p => database.StreamLength(keys.Ticks(p)));
    }
}
