using QuantPulse.Model;

namespace QuantPulse.Sources;

/// <summary>A feed of validated ticks: a live connector, a recording or the simulated market.</summary>
/// <remarks>
/// A source knows its wire format and nothing else. It yields only ticks that pass
/// <see cref="TickValidator"/>; anything malformed or impossible is rejected, counted in
/// <see cref="Statistics"/> and logged, never yielded and never thrown.
/// </remarks>
public interface ITickSource
{
    /// <summary>A short name for logs and metrics, such as <c>deriv</c> or <c>csv:ticks.csv</c>.</summary>
    string Name { get; }

    /// <summary>Counters of accepted and rejected input.</summary>
    TickSourceStatistics Statistics { get; }

    /// <summary>Yields ticks in arrival order until the feed ends or <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="cancellationToken">Stops the feed; the enumeration then ends with <see cref="OperationCanceledException"/>.</param>
    /// <returns>The ticks.</returns>
    IAsyncEnumerable<Tick> ReadAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The instant up to which this source has yielded every tick it ever will, given the clock reading
    /// <paramref name="now"/>; the candle stage may close every bucket that ends at or before it.
    /// </summary>
    /// <param name="now">The pipeline clock (its <see cref="TimeProvider"/>).</param>
    /// <returns>
    /// The watermark, or <c>null</c> when the source cannot promise anything yet. Live sources return
    /// <paramref name="now"/> while connected and the time of the last tick received while they are disconnected
    /// or back-filling, so a reconnect never finds its minute already closed. Replays return the recorded time
    /// they have reached.
    /// </returns>
    DateTimeOffset? GetWatermark(DateTimeOffset now);
}
