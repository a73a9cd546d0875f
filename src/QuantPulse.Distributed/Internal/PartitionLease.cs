using StackExchange.Redis;

namespace QuantPulse.Distributed.Internal;

/// <summary>
/// The ownership lease of one partition: a Redis key holding <c>owner:fence</c> with an expiry. Taking it
/// increments the partition's fencing counter, and every renewal, acknowledgement and release checks that the key
/// still holds this holder's value, in one script, so a worker whose lease expired can no longer acknowledge.
/// </summary>
internal sealed class PartitionLease
{
    // KEYS: lease, fence. ARGV: owner, ttl ms. Returns the new fencing token, or 0 when the lease is held.
    private const string AcquireScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        local fence = redis.call('INCR', KEYS[2])
        redis.call('SET', KEYS[1], ARGV[1] .. ':' .. fence, 'PX', ARGV[2])
        return fence
        """;

    // KEYS: lease. ARGV: value, ttl ms.
    private const string RenewScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return 0
        """;

    // KEYS: lease. ARGV: value.
    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    // KEYS: lease, stream. ARGV: value, group, ids... Returns -1 when the lease is no longer this holder's.
    private const string AckScript = """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
        return redis.call('XACK', KEYS[2], ARGV[2], unpack(ARGV, 3))
        """;

    // KEYS: lease, stream. ARGV: value, group, consumer, count, position. -1 when the lease is no longer this holder's.
    private const string ReadScript = """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
        return redis.call('XREADGROUP', 'GROUP', ARGV[2], ARGV[3], 'COUNT', ARGV[4], 'STREAMS', KEYS[2], ARGV[5])
        """;

    private readonly IDatabase _redis;
    private readonly RedisKey _lease;
    private readonly RedisKey _stream;
    private readonly TimeSpan _ttl;
    private readonly string _value;

    private PartitionLease(IDatabase redis, RedisKey lease, RedisKey stream, TimeSpan ttl, string value, long fence)
    {
        _redis = redis;
        _lease = lease;
        _stream = stream;
        _ttl = ttl;
        _value = value;
        Fence = fence;
    }

    /// <summary>The worker named in a lease value (<c>worker:fence</c>); null for a free partition.</summary>
    public static string? Owner(RedisValue lease)
    {
        if (lease.IsNullOrEmpty)
        {
            return null;
        }

        var text = (string)lease!;
        var colon = text.LastIndexOf(':');
        return colon < 0 ? text : text[..colon];
    }

    /// <summary>The fencing token: larger for every later holder of this partition.</summary>
    public long Fence { get; }

    public static async Task<PartitionLease?> TryAcquireAsync(IDatabase redis, StreamKeys keys, int partition, string owner, TimeSpan ttl)
    {
        var result = await redis.ScriptEvaluateAsync(
            AcquireScript,
            [keys.Lease(partition), keys.Fence(partition)],
            [owner, (long)ttl.TotalMilliseconds]).ConfigureAwait(false);
        var fence = (long)result;
        return fence == 0
            ? null
            : new PartitionLease(redis, keys.Lease(partition), keys.Ticks(partition), ttl, owner + ":" + fence, fence);
    }

    /// <summary>Extends the lease; false when it has expired or passed to someone else.</summary>
    public async Task<bool> RenewAsync() =>
        (long)await _redis.ScriptEvaluateAsync(RenewScript, [_lease], [_value, (long)_ttl.TotalMilliseconds]).ConfigureAwait(false) == 1;

    /// <summary>Acknowledges entries of the partition's stream for the worker group; false when the lease is lost.</summary>
    public async Task<bool> AcknowledgeAsync(IReadOnlyList<RedisValue> ids)
    {
        if (ids.Count == 0)
        {
            return true;
        }

        var args = new RedisValue[ids.Count + 2];
        args[0] = _value;
        args[1] = StreamKeys.WorkerGroup;
        for (var i = 0; i < ids.Count; i++)
        {
            args[i + 2] = ids[i];
        }

        return (long)await _redis.ScriptEvaluateAsync(AckScript, [_lease, _stream], args).ConfigureAwait(false) >= 0;
    }

    /// <summary>
    /// Reads the partition's stream for the worker group (<c>XREADGROUP</c>) only while the lease is this holder's,
    /// in one script: a worker whose lease has passed on reads nothing more.
    /// </summary>
    /// <exception cref="LeaseLostException">The lease has expired or passed to someone else.</exception>
    public async Task<StreamEntry[]> ReadAsync(int partition, string consumer, RedisValue position, int count)
    {
        var result = await _redis.ScriptEvaluateAsync(
            ReadScript,
            [_lease, _stream],
            [_value, StreamKeys.WorkerGroup, consumer, count, position]).ConfigureAwait(false);
        if (result.IsNull)
        {
            return [];
        }

        if (result.Resp3Type == ResultType.Integer)
        {
            throw new LeaseLostException(partition);
        }

        // [[stream, [[id, [field, value, …]], …]]]; an entry trimmed away while pending comes back as [id, nil].
        var streams = (RedisResult[])result!;
        if (streams.Length == 0)
        {
            return [];
        }

        var entries = (RedisResult[])((RedisResult[])streams[0]!)[1]!;
        var read = new StreamEntry[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = (RedisResult[])entries[i]!;
            var fields = entry[1].IsNull ? [] : (RedisResult[])entry[1]!;
            var values = new NameValueEntry[fields.Length / 2];
            for (var f = 0; f < values.Length; f++)
            {
                values[f] = new NameValueEntry((RedisValue)fields[2 * f], (RedisValue)fields[(2 * f) + 1]);
            }

            read[i] = new StreamEntry((RedisValue)entry[0], values);
        }

        return read;
    }

    /// <summary>Gives the lease up (when the worker stops in order), so another worker can take it at once.</summary>
    public Task ReleaseAsync() => _redis.ScriptEvaluateAsync(ReleaseScript, [_lease], [_value]);
}
