namespace QuantPulse.Indicators;

/// <summary>What an indicator did with the last candle it was offered.</summary>
public enum IndicatorStatus
{
    /// <summary>No candle has been accepted since construction or the last reset.</summary>
    None = 0,

    /// <summary>The candle was applied; the indicator is still warming up and has no value yet.</summary>
    WarmingUp = 1,

    /// <summary>The candle was applied and the indicator has a value.</summary>
    Ok = 2,

    /// <summary>
    /// The candle was ignored because its open time was not later than that of the last accepted candle.
    /// </summary>
    RejectedOutOfOrder = 3,

    /// <summary>
    /// The candle was ignored because its prices were impossible: a price at or below zero, <c>High &lt; Low</c>,
    /// or an open or close outside <c>[Low, High]</c>.
    /// </summary>
    RejectedInvalid = 4,
}
