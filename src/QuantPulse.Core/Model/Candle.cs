namespace QuantPulse.Model;

/// <summary>An OHLCV bar of one symbol over one <see cref="Model.Timeframe"/> bucket.</summary>
/// <remarks>
/// A candle with <see cref="IsClosed"/> set is final and never changes (no repainting). An open candle is a
/// snapshot of the bucket in progress and is only ever handed out as a copy.
/// </remarks>
/// <param name="Symbol">The instrument.</param>
/// <param name="Timeframe">The bucket length.</param>
/// <param name="OpenTime">The bucket start, UTC: the bucket is <c>[OpenTime, OpenTime + Timeframe)</c>.</param>
/// <param name="Open">The first price in the bucket.</param>
/// <param name="High">The highest price in the bucket.</param>
/// <param name="Low">The lowest price in the bucket.</param>
/// <param name="Close">The last price in the bucket.</param>
/// <param name="Volume">The sum of tick sizes (zero for feeds without sizes).</param>
/// <param name="TickCount">How many ticks the bucket received (zero for a gap-filled candle).</param>
/// <param name="IsClosed">Whether the bucket is over and the candle final.</param>
public sealed record Candle(
    string Symbol,
    Timeframe Timeframe,
    DateTimeOffset OpenTime,
    decimal Open,
    decimal High,
    decimal Low,
    decimal Close,
    decimal Volume,
    int TickCount,
    bool IsClosed)
{
    /// <summary>The end of the bucket (exclusive): <c>OpenTime + Timeframe.Duration</c>.</summary>
    public DateTimeOffset CloseTime => OpenTime + Timeframe.Duration;

    /// <summary>Whether the candle was produced by gap filling (a flat candle with no ticks).</summary>
    public bool IsGapFill => TickCount == 0;
}
