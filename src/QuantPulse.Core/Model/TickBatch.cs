namespace QuantPulse.Model;

/// <summary>The message that enters the candle stage: ticks in arrival order, then an optional heartbeat.</summary>
/// <remarks>
/// Ticks travel in batches because a Dataflow message costs far more than the work done per tick. The batch
/// owns a view of its ticks and never changes after construction. A heartbeat-only batch (no ticks) tells the
/// candle stage that the clock has reached <see cref="Heartbeat"/>, so buckets that end at or before it close
/// even in a quiet market. Because heartbeats travel in-band, they are ordered exactly with respect to ticks.
/// </remarks>
public sealed class TickBatch
{
    /// <summary>Creates a batch.</summary>
    /// <param name="ticks">The ticks, in arrival order. The batch does not copy them: do not reuse the memory.</param>
    /// <param name="heartbeat">An optional clock reading applied after the ticks.</param>
    /// <param name="endOfStream">Whether the source has ended for good (see <see cref="EndOfStream"/>).</param>
    public TickBatch(ReadOnlyMemory<Tick> ticks, DateTimeOffset? heartbeat = null, bool endOfStream = false)
    {
        Ticks = ticks;
        Heartbeat = heartbeat;
        EndOfStream = endOfStream;
    }

    /// <summary>The ticks, in arrival order.</summary>
    public ReadOnlyMemory<Tick> Ticks { get; }

    /// <summary>After the ticks: every bucket that ends at or before this instant may close.</summary>
    public DateTimeOffset? Heartbeat { get; }

    /// <summary>
    /// After the ticks and the heartbeat: the source has ended for good (a finished recording), so every bucket
    /// still forming is over and its candle closes. Live feeds never send it: a stopped feed is not a closed market.
    /// </summary>
    public bool EndOfStream { get; }

    /// <summary>Creates a batch that carries only a heartbeat.</summary>
    /// <param name="now">The clock reading.</param>
    /// <returns>The batch.</returns>
    public static TickBatch ForHeartbeat(DateTimeOffset now) => new(ReadOnlyMemory<Tick>.Empty, now);
}
