using QuantPulse.Distributed.Internal;
using StackExchange.Redis;

namespace QuantPulse.Distributed;

/// <summary>One partition as Redis sees it: how far the workers' group is behind, what is in flight, who owns it.</summary>
/// <param name="Partition">The partition.</param>
/// <param name="Length">Entries in the tick stream (<c>XLEN</c>).</param>
/// <param name="Lag">Entries added after the group's last delivered id (never delivered to any worker).</param>
/// <param name="Pending">Entries delivered but not acknowledged (<c>XPENDING</c>).</param>
/// <param name="Owner">The worker holding the lease, or null when the partition is free.</param>
public sealed record PartitionState(int Partition, long Length, long Lag, long Pending, string? Owner);

/// <summary>Samples <see cref="PartitionState"/> for every partition, for metrics and readiness.</summary>
/// <param name="redis">The Redis connection.</param>
/// <param name="keys">The key prefix.</param>
/// <param name="partitionCount">How many partitions there are.</param>
public sealed class PartitionMonitor(IConnectionMultiplexer redis, StreamKeys keys, int partitionCount)
{
    /// <summary>The most entries counted when Redis cannot report a group's lag itself.</summary>
    public const int LagCountLimit = 100_000;

    private readonly IDatabase _redis = (redis ?? throw new ArgumentNullException(nameof(redis))).GetDatabase();
    private readonly StreamKeys _keys = keys ?? throw new ArgumentNullException(nameof(keys));
    private IReadOnlyList<PartitionState> _last = [];

    /// <summary>The last sample (empty before the first).</summary>
    public IReadOnlyList<PartitionState> Last => Volatile.Read(ref _last);

    /// <summary>Reads every partition's state from Redis (a few commands per partition, sent together).</summary>
    /// <returns>The states, by partition.</returns>
    public async Task<IReadOnlyList<PartitionState>> SampleAsync()
    {
        var reads = Enumerable.Range(0, partitionCount).Select(ReadAsync).ToArray();
        var states = await Task.WhenAll(reads).ConfigureAwait(false);
        Volatile.Write(ref _last, states);
        return states;
    }

    private async Task<PartitionState> ReadAsync(int partition)
    {
        var stream = _keys.Ticks(partition);
        var owner = _redis.StringGetAsync(_keys.Lease(partition));
        if (!await _redis.KeyExistsAsync(stream).ConfigureAwait(false))
        {
            return new PartitionState(partition, 0, 0, 0, PartitionLease.Owner(await owner.ConfigureAwait(false)));
        }

        var length = _redis.StreamLengthAsync(stream);
        var groups = await _redis.StreamGroupInfoAsync(stream).ConfigureAwait(false);
        var group = groups.FirstOrDefault(g => g.Name == StreamKeys.WorkerGroup);
        long lag;
        if (group.Name is null)
        {
            lag = await length.ConfigureAwait(false); // No worker has read it yet: everything is behind.
        }
        else if (group.Lag is { } known)
        {
            lag = known;
        }
        else
        {
            // Redis cannot always count (after deletions inside the stream): count the entries past the last delivered
            // id, up to LagCountLimit.
            var after = await _redis.StreamRangeAsync(stream, "(" + group.LastDeliveredId, "+", LagCountLimit).ConfigureAwait(false);
            lag = after.Length;
        }

        return new PartitionState(partition, await length.ConfigureAwait(false), lag, group.PendingMessageCount, PartitionLease.Owner(await owner.ConfigureAwait(false)));
    }
}
