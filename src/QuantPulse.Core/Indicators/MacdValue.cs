namespace QuantPulse.Indicators;

/// <summary>The value of <see cref="Indicators.Macd"/> on one candle.</summary>
/// <param name="Macd">The MACD line: fast EMA − slow EMA.</param>
/// <param name="Signal">The signal line (an EMA of the MACD line), or <c>null</c> while it warms up.</param>
/// <param name="Histogram">MACD − signal, or <c>null</c> while the signal warms up.</param>
/// <param name="FastEma">The fast EMA of the close.</param>
/// <param name="SlowEma">The slow EMA of the close.</param>
public readonly record struct MacdValue(double Macd, double? Signal, double? Histogram, double FastEma, double SlowEma);
