namespace QuantPulse.Indicators;

/// <summary>A candle's prices converted to <see cref="double"/> once, after validation (see <see cref="CandleGate"/>).</summary>
/// <param name="Open">The open.</param>
/// <param name="High">The high.</param>
/// <param name="Low">The low.</param>
/// <param name="Close">The close.</param>
public readonly record struct PriceBar(double Open, double High, double Low, double Close);
