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

    /// <summary>Whether the indicator takes bars as numbers (<see cref="IPriceBarIndicator{TOut}"/>).</summary>
    bool AcceptsPriceBars { get; }

    /// <summary>Applies a bar given as numbers and writes the value's columns; only when <see cref="AcceptsPriceBars"/>.</summary>
    /// <param name="openTimeUtcTicks">The bar's open time in UTC ticks.</param>
    /// <param name="prices">The prices.</param>
    /// <param name="volume">The volume.</param>
    /// <param name="destination">Exactly as long as the indicator's column list.</param>
    void WriteNext(long openTimeUtcTicks, in PriceBar prices, double volume, Span<double?> destination);
}
