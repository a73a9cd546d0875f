namespace QuantPulse.Simulation;

/// <summary>Where a simulated trade's stop loss and take profit sit when its fill price differs from the signal's entry.</summary>
public enum TradeLevelAnchor
{
    /// <summary>
    /// The signal's distances are kept and moved to the fill: both levels shift by <c>fill − signal entry</c>, so
    /// the trade risks and targets what the signal planned. The fill is always strictly between the levels.
    /// </summary>
    Fill = 0,

    /// <summary>
    /// The signal's levels are used as they are. A fill at or beyond either level (the price gapped through it
    /// before the trade could open) opens no trade; the signal is skipped as
    /// <see cref="SkippedSignalReason.FillBeyondLevel"/>.
    /// </summary>
    Signal = 1,
}
