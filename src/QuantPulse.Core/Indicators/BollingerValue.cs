namespace QuantPulse.Indicators;

/// <summary>The value of <see cref="BollingerBands"/> on one candle.</summary>
/// <param name="Middle">The middle band: the simple mean of the window.</param>
/// <param name="Upper">The upper band: <c>middle + K·σ</c>.</param>
/// <param name="Lower">The lower band: <c>middle − K·σ</c>.</param>
/// <param name="PercentB">Where the close sits between the bands, <c>(close − lower) / (upper − lower)</c>; null when the bands coincide.</param>
/// <param name="ZScore">The close in standard deviations from the middle, <c>(close − middle) / σ</c>; null when σ is zero.</param>
/// <param name="Width">The band width relative to the middle, <c>(upper − lower) / middle</c> (a ratio, not a percentage).</param>
public readonly record struct BollingerValue(
    double Middle,
    double Upper,
    double Lower,
    double? PercentB,
    double? ZScore,
    double Width);
