using System.Globalization;
using StackExchange.Redis;

namespace QuantPulse.Distributed.Internal;

/// <summary>
/// The live pipeline workers, for rebalancing: a Redis hash <c>{prefix}:workers</c> of worker → <c>expiry:cap</c>
/// (expiry in Redis server milliseconds, cap = the worker's <see cref="WorkerOptions.MaxPartitions"/>). Each worker
/// refreshes its own field every round and reads the others in the same script; fields past their expiry (workers
/// that died) are removed by whoever reads them. Expiry and lease use the same duration, so a dead worker leaves the
/// roster when its leases expire.
/// </summary>
internal static class WorkerRoster
{
    // KEYS: roster. ARGV: worker, ttl ms, cap. Returns [worker, cap, worker, cap, …] of the live workers.
    private const string RefreshScript = """
        local now = redis.call('TIME')
        local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
        redis.call('HSET', KEYS[1], ARGV[1], (ms + tonumber(ARGV[2])) .. ':' .. ARGV[3])
        local all = redis.call('HGETALL', KEYS[1])
        local live = {}
        for i = 1, #all, 2 do
            local colon = string.find(all[i + 1], ':', 1, true)
            local expires = tonumber(string.sub(all[i + 1], 1, colon - 1))
            if expires < ms then
                redis.call('HDEL', KEYS[1], all[i])
            else
                table.insert(live, all[i])
                table.insert(live, string.sub(all[i + 1], colon + 1))
            end
        end
        return live
        """;

    /// <summary>Refreshes <paramref name="worker"/>'s membership and returns every live worker with its cap.</summary>
    public static async Task<IReadOnlyList<(string Worker, int Cap)>> RefreshAsync(IDatabase redis, StreamKeys keys, string worker, TimeSpan ttl, int cap)
    {
        var result = (RedisResult[])(await redis.ScriptEvaluateAsync(
            RefreshScript,
            [keys.Workers],
            [worker, (long)ttl.TotalMilliseconds, cap]).ConfigureAwait(false))!;
        var live = new List<(string, int)>(result.Length / 2);
        for (var i = 0; i + 1 < result.Length; i += 2)
        {
            live.Add(((string)result[i]!, int.Parse((string)result[i + 1]!, CultureInfo.InvariantCulture)));
        }

        return live;
    }

    /// <summary>Takes <paramref name="worker"/> off the roster (it stops in order).</summary>
    public static Task LeaveAsync(IDatabase redis, StreamKeys keys, string worker) => redis.HashDeleteAsync(keys.Workers, worker);

    /// <summary>The holder of every partition's lease (null where free).</summary>
    public static async Task<string?[]> OwnersAsync(IDatabase redis, StreamKeys keys, int partitionCount)
    {
        var leases = await redis.StringGetAsync([.. Enumerable.Range(0, partitionCount).Select(p => (RedisKey)keys.Lease(p))]).ConfigureAwait(false);
        return [.. leases.Select(PartitionLease.Owner)];
    }

    /// <summary>
    /// How many partitions each live worker should own: the partitions dealt one at a time to the worker with the
    /// fewest so far that has room under its cap, so counts differ by at most one among workers below their caps.
    /// Ties go to the worker owning more now (then by name), so a balanced ownership is its own target and nothing
    /// moves; every worker computes the same targets from the same roster and leases.
    /// </summary>
    public static Dictionary<string, int> Targets(int partitionCount, IReadOnlyList<(string Worker, int Cap)> live, IReadOnlyList<string?> owners)
    {
        var owned = owners.OfType<string>().GroupBy(o => o, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var order = live
            .OrderByDescending(w => owned.GetValueOrDefault(w.Worker))
            .ThenBy(w => w.Worker, StringComparer.Ordinal)
            .ToList();
        var targets = live.ToDictionary(w => w.Worker, _ => 0, StringComparer.Ordinal);
        for (var dealt = 0; dealt < partitionCount; dealt++)
        {
            var room = order.Where(w => targets[w.Worker] < w.Cap).ToList();
            if (room.Count == 0)
            {
                break;
            }

            targets[room.MinBy(w => targets[w.Worker]).Worker]++;
        }

        return targets;
    }
}
