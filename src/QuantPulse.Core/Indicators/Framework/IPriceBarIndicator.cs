namespace QuantPulse.Indicators;

/// <summary>
/// An indicator that also takes a bar as plain numbers (its open time, its prices and volume in <see cref="double"/>)
/// and computes from them exactly what <see cref="IIndicator{TOut}.Next"/> computes from the candle they were
/// converted from: the same state machine behind both entries. <see cref="IndicatorSet"/> drives it so for
/// <see cref="IndicatorSet.Update(long, in PriceBar, double, Span{double?})"/>.
/// </summary>
/// <typeparam name="TOut">The value type.</typeparam>
internal interface IPriceBarIndicator<TOut>
    where TOut : struct
{
    /// <summary>Applies one bar, under the same forward-only and bad-input rules as a candle.</summary>
    /// <param name="openTimeUtcTicks">The bar's open time in UTC ticks.</param>
    /// <param name="prices">The prices, each as <see cref="decimal"/> to <see cref="double"/> converts it.</param>
    /// <param name="volume">The volume, converted likewise.</param>
    /// <returns>The value on the bar, or <c>null</c> during warm-up; <see cref="IIndicator{TOut}.Current"/> after a rejection.</returns>
    TOut? Next(long openTimeUtcTicks, in PriceBar prices, double volume);
}
