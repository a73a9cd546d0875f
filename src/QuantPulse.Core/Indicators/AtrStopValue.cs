namespace QuantPulse.Indicators;

/// <summary>The value of <see cref="AtrStop"/> on one candle.</summary>
/// <param name="Stop">The trailing stop: the lower band in an up-trend, the upper band in a down-trend.</param>
/// <param name="BuyStop">The upper band, a buy-to-cover stop, while the trend is down; null in an up-trend.</param>
/// <param name="SellStop">The lower band, a sell stop, while the trend is up; null in a down-trend.</param>
/// <param name="Atr">The ATR the bands were offset by.</param>
public readonly record struct AtrStopValue(double Stop, double? BuyStop, double? SellStop, double Atr)
{
    /// <summary>Whether the trend is up (the stop is the lower band).</summary>
    public bool IsUpTrend => SellStop.HasValue;
}
