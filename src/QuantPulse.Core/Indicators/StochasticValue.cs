namespace QuantPulse.Indicators;

/// <summary>The value of <see cref="Stochastic"/> on one candle.</summary>
/// <param name="K">%K, the smoothed position of the close in the high-low range, 0 … 100.</param>
/// <param name="D">%D, the signal line: the simple mean of the last %K values, 0 … 100.</param>
public readonly record struct StochasticValue(double K, double D);
