namespace QuantPulse.Indicators;

/// <summary>A candle's prices converted to <see cref="double"/> once, after validation.</summary>
internal readonly record struct PriceBar(double Open, double High, double Low, double Close);
