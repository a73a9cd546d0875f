namespace QuantPulse.Indicators;

/// <summary>A Heikin-Ashi candle.</summary>
/// <param name="Open">Mid-point of the previous Heikin-Ashi body: <c>(prevOpen + prevClose) / 2</c>.</param>
/// <param name="High">The greatest of the high and the Heikin-Ashi open and close.</param>
/// <param name="Low">The least of the low and the Heikin-Ashi open and close.</param>
/// <param name="Close">The mean price <c>(O + H + L + C) / 4</c>.</param>
public readonly record struct HeikinAshiValue(double Open, double High, double Low, double Close);
