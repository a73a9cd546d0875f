namespace QuantPulse.Indicators;

/// <summary>The value of <see cref="StandardDeviation"/> on one candle.</summary>
/// <param name="StdDev">The population standard deviation of the window's closes.</param>
/// <param name="Mean">The mean of the window's closes.</param>
/// <param name="ZScore">The close in standard deviations from the mean, <c>(close − mean) / σ</c>; null when σ is zero.</param>
public readonly record struct StandardDeviationValue(double StdDev, double Mean, double? ZScore);
