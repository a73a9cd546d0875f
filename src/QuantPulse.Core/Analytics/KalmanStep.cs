namespace QuantPulse.Analytics;

/// <summary>The filtered hedge ratio after one observation.</summary>
/// <param name="Beta">β_t.</param>
/// <param name="Alpha">α_t.</param>
/// <param name="BetaVariance">The filtered variance of β_t.</param>
/// <param name="AlphaVariance">The filtered variance of α_t.</param>
public readonly record struct KalmanStep(double Beta, double Alpha, double BetaVariance, double AlphaVariance);
