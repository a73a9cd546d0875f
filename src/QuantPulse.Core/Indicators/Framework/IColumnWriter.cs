using QuantPulse.Model;

namespace QuantPulse.Indicators;

/// <summary>
/// How an <see cref="IndicatorSet"/> drives an indicator without knowing its value type: apply one candle and
/// write the value's columns. Implemented by the adapter <see cref="IndicatorDescriptor"/> puts around each indicator.
/// </summary>
internal interface IColumnWriter
{
    /// <summary>Applies <paramref name="closed"/> (as <c>Next</c> does) and writes the value's columns.</summary>
    /// <param name="closed">The closed candle.</param>
    /// <param name="destination">Exactly as long as the indicator's column list.</param>
    void WriteNext(Candle closed, Span<double?> destination);
}
