namespace QuantPulse.Indicators;

/// <summary>Writes an indicator value into its output columns (see <see cref="IndicatorDescriptor.Create{TIndicator, TValue}"/>).</summary>
/// <typeparam name="TValue">The indicator's value type.</typeparam>
/// <param name="value">The value on the current candle.</param>
/// <param name="destination">One slot per column, in the descriptor's column order; a slot left null is written empty.</param>
public delegate void IndicatorValueWriter<TValue>(in TValue value, Span<double?> destination)
    where TValue : struct;
