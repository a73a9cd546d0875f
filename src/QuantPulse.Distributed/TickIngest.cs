using QuantPulse.Distributed.Internal;
using QuantPulse.Model;
using QuantPulse.Sources;
using StackExchange.Redis;

namespace QuantPulse.Distributed;

/// <summary>
/// The ingest role: reads a tick source, checks every tick, and appends it to its partition's stream
/// (<c>XADD qp:ticks:{p} MAXLEN ~ n</c>), with many writes in flight at once.
/// </summary>
/// <remarks>
/// The ticks of one symbol go to one stream in the order the source yielded them, so each worker sees them in that
/// order. A tick that fails <see cref="TickValidator"/> is counted in <see cref="Rejected"/> and not written.
/// </remarks>
public sealed class TickIngest
{
    private readonly IDatabase _redis;
    private readonly IngestOptions _options;
    private long _written;
    private long _rejected;

    /// <summary>Creates the role over a Redis connection.</summary>
    /// <param name="redis">The connection.</param>
    /// <param name="options">The settings.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public TickIngest(IConnectionMultiplexer redis, IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _redis = redis.GetDatabase();
        _options = options;
    }

    /// <summary>How many ticks have been written to Redis.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>How many ticks failed validation and were not written.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Reads <paramref name="source"/> to its end (or until cancelled) and writes every valid tick.</summary>
    /// <param name="source">The source.</param>
    /// <param name="cancellationToken">Stops reading; the writes already sent are awaited.</param>
    /// <returns>A task that completes when every write sent has been confirmed.</returns>
    public async Task RunAsync(ITickSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var inFlight = new List<Task>(_options.WriteBatchSize);
        try
        {
            await foreach (var tick in source.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (TickValidator.Validate(tick) != TickRejection.None)
                {
                    Interlocked.Increment(ref _rejected);
                    continue;
                }

                inFlight.Add(AppendAsync(tick));
                if (inFlight.Count >= _options.WriteBatchSize)
                {
                    await DrainAsync(inFlight).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped: what was sent is still confirmed below.
        }

        await DrainAsync(inFlight).ConfigureAwait(false);
    }

    /// <summary>Writes one tick (not pipelined with others; for callers that produce ticks one at a time).</summary>
    /// <param name="tick">The tick.</param>
    /// <returns>False when the tick failed validation and was not written.</returns>
    public async Task<bool> WriteAsync(Tick tick)
    {
        if (TickValidator.Validate(tick) != TickRejection.None)
        {
            Interlocked.Increment(ref _rejected);
            return false;
        }

        await AppendAsync(tick).ConfigureAwait(false);
        Interlocked.Increment(ref _written);
        return true;
    }

    private Task<RedisValue> AppendAsync(in Tick tick)
    {
        var partition = TickPartitioner.PartitionOf(tick.Symbol, _options.PartitionCount);
        return _redis.StreamAddAsync(
            _options.Keys.Ticks(partition),
            TickEntry.Encode(tick),
            maxLength: _options.MaxStreamLength,
            useApproximateMaxLength: true);
    }

    private async Task DrainAsync(List<Task> inFlight)
    {
        await Task.WhenAll(inFlight).ConfigureAwait(false);
        Interlocked.Add(ref _written, inFlight.Count);
        inFlight.Clear();
    }
}
