namespace QuantPulse.Alerts;

/// <summary>What an <see cref="AlertRule"/> watches for. The JSON and configuration names are the snake_case forms (<c>crossing_up</c>).</summary>
public enum AlertCondition
{
    /// <summary>The price (or the indicator) is above the level (or the other indicator).</summary>
    GreaterThan,

    /// <summary>The price (or the indicator) is below the level (or the other indicator).</summary>
    LessThan,

    /// <summary>The price (or the indicator) crosses the level (or the other indicator) in either direction.</summary>
    Crossing,

    /// <summary>The price (or the indicator) crosses the level (or the other indicator) from below.</summary>
    CrossingUp,

    /// <summary>The price (or the indicator) crosses the level (or the other indicator) from above.</summary>
    CrossingDown,

    /// <summary>The close rose by at least <see cref="AlertRule.Percent"/> % over the last <see cref="AlertRule.Candles"/> candles.</summary>
    MovingUpPct,

    /// <summary>The close fell by at least <see cref="AlertRule.Percent"/> % over the last <see cref="AlertRule.Candles"/> candles.</summary>
    MovingDownPct,

    /// <summary>A candle's volume is above <see cref="AlertRule.Factor"/> × the mean volume of the <see cref="AlertRule.Candles"/> candles before it.</summary>
    VolumeSpike,

    /// <summary>The z-score of the spread of <see cref="AlertRule.OtherSymbol"/> on <see cref="AlertRule.Symbol"/> is beyond ±<see cref="AlertRule.Threshold"/>.</summary>
    PairZScore,
}
