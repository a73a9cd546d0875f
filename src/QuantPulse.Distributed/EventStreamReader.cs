using System.Runtime.CompilerServices;
using QuantPulse.Distributed.Internal;
using QuantPulse.Model;
using StackExchange.Redis;

namespace QuantPulse.Distributed;

/// <summary>
/// Reads the events stream the workers publish (closed candles with their indicator values, signals, trade
/// events), with plain <c>XREAD</c> from its own last id, so any number of dashboards each see every event, in order.
/// </summary>
/// <remarks>
/// Each entry comes back as a <see cref="MarketBatch"/> without ticks, which a dashboard hands to the same consumers an
/// in-process pipeline feeds (its live state and its <c>/ws/updates</c> feed). An entry that cannot be read is
/// counted in <see cref="Skipped"/> and passed over.
/// </remarks>
/// <param name="redis">The Redis connection.</param>
/// <param name="keys">The key prefix (the workers').</param>
/// <param name="pollInterval">How long to wait before reading an empty stream again (default 50 ms).</param>
public sealed class EventStreamReader(IConnectionMultiplexer redis, StreamKeys keys, TimeSpan? pollInterval = null)
{
    private readonly IDatabase _redis = (redis ?? throw new ArgumentNullException(nameof(redis))).GetDatabase();
    private readonly RedisKey _stream = (keys ?? throw new ArgumentNullException(nameof(keys))).Events;
    private readonly TimeSpan _poll = pollInterval ?? TimeSpan.FromMilliseconds(50);
    private long _skipped;
    private bool _started;

    /// <summary>Entries that were not valid event batches.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>The id of the last entry read (or where reading started).</summary>
    public string LastId { get; private set; } = "0-0";

    /// <summary>Reads events until cancelled. A later call (after Redis went away, say) continues after the last entry an earlier one read.</summary>
    /// <param name="fromStart">True to read the stream's whole retained history first; false (a dashboard's default) to start with events published from now on. Only the first call uses it.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The event batches, in stream order.</returns>
    public async IAsyncEnumerable<MarketBatch> ReadAsync(bool fromStart = false, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        RedisValue last = LastId;
        if (!_started)
        {
            if (!fromStart && await _redis.KeyExistsAsync(_stream).ConfigureAwait(false))
            {
                last = (await _redis.StreamInfoAsync(_stream).ConfigureAwait(false)).LastGeneratedId;
            }

            LastId = last!;
            _started = true;
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entries = await _redis.StreamReadAsync(_stream, last, 256).ConfigureAwait(false);
            if (entries.Length == 0)
            {
                await Task.Delay(_poll, cancellationToken).ConfigureAwait(false);
                continue;
            }

            foreach (var entry in entries)
            {
                last = entry.Id;
                LastId = last!;
                if (EventCodec.TryDecode(entry[EventCodec.FieldName]) is { } batch)
                {
                    yield return batch;
                }
                else
                {
                    Interlocked.Increment(ref _skipped);
                }
            }
        }
    }
}
