namespace QuantPulse.Model;

/// <summary>One price observation: a trade, a quote update or a synthetic index value.</summary>
/// <remarks>
/// <para>
/// <see cref="Tick"/> is a value type on purpose: ticks are the hot path and flow through the pipeline in
/// batches without a heap allocation each. Everything else in the model is a <c>sealed record</c>.
/// </para>
/// <para>
/// <see cref="Time"/> is always UTC (offset zero); sources normalise before they yield. <see cref="Size"/> is
/// zero when the feed carries no size (Deriv synthetic indices, for example). <see cref="Source"/> names the feed
/// (see <see cref="TickSources"/>); simulated ticks always carry <see cref="TickSources.Simulated"/>.
/// </para>
/// </remarks>
/// <param name="Symbol">The instrument, as the feed spells it (for example <c>R_100</c> or <c>BTCUSDT</c>).</param>
/// <param name="Time">The exchange or feed timestamp, UTC.</param>
/// <param name="Price">The trade or index price; always positive.</param>
/// <param name="Size">The traded quantity, or zero when the feed has none.</param>
/// <param name="Source">The feed that produced the tick (see <see cref="TickSources"/>).</param>
public readonly record struct Tick(string Symbol, DateTimeOffset Time, decimal Price, decimal Size, string Source)
{
    /// <summary>The best bid at the time of the tick, when the feed provides it.</summary>
    public decimal? Bid { get; init; }

    /// <summary>The best ask at the time of the tick, when the feed provides it.</summary>
    public decimal? Ask { get; init; }

    /// <summary>Which side initiated the trade, when the feed says.</summary>
    public AggressorSide Side { get; init; }

    /// <summary>Whether the tick came from the built-in simulated market.</summary>
    public bool IsSimulated => string.Equals(Source, TickSources.Simulated, StringComparison.Ordinal);
}
