namespace QuantPulse.Indicators;

/// <summary>The value of <see cref="SuperTrend"/> on one candle.</summary>
/// <param name="Line">The SuperTrend line: the lower band in an up-trend, the upper band in a down-trend.</param>
/// <param name="UpperBand">The upper band while the trend is down; null in an up-trend.</param>
/// <param name="LowerBand">The lower band while the trend is up; null in a down-trend.</param>
public readonly record struct SuperTrendValue(double Line, double? UpperBand, double? LowerBand)
{
    /// <summary>Whether the trend is up (the line is the lower band).</summary>
    public bool IsUpTrend => LowerBand.HasValue;
}
