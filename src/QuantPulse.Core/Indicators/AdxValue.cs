namespace QuantPulse.Indicators;

/// <summary>The value of <see cref="Adx"/> on one candle.</summary>
/// <param name="Adx">The average directional index, 0 … 100.</param>
/// <param name="PlusDi">The positive directional indicator +DI, 0 … 100.</param>
/// <param name="MinusDi">The negative directional indicator −DI, 0 … 100.</param>
public readonly record struct AdxValue(double Adx, double PlusDi, double MinusDi);
