using Npgsql;
using QuantPulse.Tests.Testing;
using StackExchange.Redis;

namespace QuantPulse.Distributed.Tests.Testing;

/// <summary>What the tests read back from Redis and PostgreSQL to decide that a role has finished.</summary>
public static class Streams
{
    /// <summary>How long a wait may last before the test reports a hang: a guard against hanging forever, never a measurement.</summary>
    public static readonly TimeSpan HangTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Whether <paramref name="group"/> has read and acknowledged every entry of every tick stream.</summary>
    public static async Task<bool> AllAcknowledgedAsync(ConnectionMultiplexer redis, StreamKeys keys, int partitions, string group)
    {
        var database = redis.GetDatabase();
        for (var p = 0; p < partitions; p++)
        {
            if (!await database.KeyExistsAsync(keys.Ticks(p)))
            {
                return false;
            }

            var info = await database.StreamInfoAsync(keys.Ticks(p));
            var state = (await database.StreamGroupInfoAsync(keys.Ticks(p))).SingleOrDefault(g => g.Name == group);
            if (state.Name is null || state.PendingMessageCount > 0 || state.LastDeliveredId != info.LastGeneratedId)
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

    /// <summary>Waits until <paramref name="condition"/> holds (Redis failures while it restarts count as "not yet").</summary>
    public static Task WaitAsync(Func<Task<bool>> condition, string what) =>
        Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    return await condition();
                }
                catch (RedisException)
                {
                    return false; // Not reachable yet.
                }
            },
            what,
            HangTimeout,
            TimeSpan.FromMilliseconds(50));

    /// <summary>One value of a query.</summary>
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every row of a query, its columns joined by spaces (invariant).</summary>
    public static async Task<List<string>> RowsAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(' ', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }
}
