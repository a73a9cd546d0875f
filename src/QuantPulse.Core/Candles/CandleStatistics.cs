namespace QuantPulse.Candles;

/// <summary>A consistent snapshot of the candle stage's counters.</summary>
/// <remarks>
/// Every tick received ends in exactly one of <see cref="TicksApplied"/>, <see cref="LateTicks"/>,
/// <see cref="DuplicateTicks"/> and <see cref="InvalidTicks"/>. Snapshots are taken between batches, so the
/// counters always agree with each other.
/// </remarks>
/// <param name="TicksReceived">Every tick the stage was given.</param>
/// <param name="TicksApplied">Ticks that updated the forming candles of their symbol.</param>
/// <param name="LateTicks">Ticks for a bucket that had already closed; counted and not applied.</param>
/// <param name="DuplicateTicks">Ticks dropped by <see cref="DuplicateTickPolicy.DropNotNewer"/>.</param>
/// <param name="InvalidTicks">Ticks that failed validation (no symbol, non-positive price, negative size, no or impossible time), or whose size would overflow the volume of their candle.</param>
/// <param name="CandlesClosed">Candles built from ticks that closed (gap-filled candles are not included).</param>
/// <param name="GapCandles">Flat candles emitted by gap filling.</param>
/// <param name="GapCandlesSkipped">Empty buckets left unfilled because a gap was longer than the fill limit.</param>
/// <param name="Heartbeats">Heartbeats processed.</param>
/// <param name="Symbols">Symbols seen so far.</param>
public sealed record CandleStatistics(
    long TicksReceived,
    long TicksApplied,
    long LateTicks,
    long DuplicateTicks,
    long InvalidTicks,
    long CandlesClosed,
    long GapCandles,
    long GapCandlesSkipped,
    long Heartbeats,
    int Symbols);
