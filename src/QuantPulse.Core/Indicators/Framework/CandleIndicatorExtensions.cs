using QuantPulse.Model;

namespace QuantPulse.Indicators;

/// <summary>
/// Batch helpers: run an indicator over a whole list of closed candles. They feed the candles one by one to the
/// same state machines the pipeline uses, so a batch result equals the streamed values exactly.
/// </summary>
/// <remarks>
/// The result has one point per input candle, in order, stamped with the candle's open time. A rejected candle
/// (out of order or with impossible prices, see <see cref="IIndicator"/>) changes nothing, so its point repeats
/// the previous value.
/// </remarks>
public static partial class CandleIndicatorExtensions
{
    /// <summary>Feeds every candle to <paramref name="indicator"/> and collects its values.</summary>
    /// <typeparam name="T">The indicator's value type.</typeparam>
    /// <param name="candles">Closed candles of one series, oldest first.</param>
    /// <param name="indicator">The indicator; it keeps the state it reaches.</param>
    /// <returns>One point per candle.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IReadOnlyList<IndicatorPoint<T>> ToSeries<T>(this IReadOnlyList<Candle> candles, IIndicator<T> indicator)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(candles);
        ArgumentNullException.ThrowIfNull(indicator);
        var points = new IndicatorPoint<T>[candles.Count];
        for (var i = 0; i < points.Length; i++)
        {
            var candle = candles[i];
            points[i] = new IndicatorPoint<T>(candle.OpenTime, indicator.Next(candle));
        }

        return points;
    }

    /// <summary>Runs an <see cref="IndicatorSet"/> of <paramref name="specs"/> over the candles.</summary>
    /// <param name="candles">Closed candles of one series, oldest first.</param>
    /// <param name="specs">The indicators.</param>
    /// <returns>One snapshot per candle, all sharing one <see cref="IndicatorColumns"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Two specs produce the same column.</exception>
    public static IReadOnlyList<IndicatorValues> ToIndicatorValues(this IReadOnlyList<Candle> candles, IEnumerable<IndicatorSpec> specs)
    {
        ArgumentNullException.ThrowIfNull(candles);
        var set = new IndicatorSet(specs);
        var values = new IndicatorValues[candles.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = set.Next(candles[i]);
        }

        return values;
    }

    /// <summary>EMA of the close (see <see cref="Ema"/>).</summary>
    /// <param name="candles">Closed candles of one series, oldest first.</param>
    /// <param name="period">The number of periods.</param>
    /// <returns>One point per candle.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is out of range.</exception>
    public static IReadOnlyList<IndicatorPoint<double>> ToEma(this IReadOnlyList<Candle> candles, int period) =>
        candles.ToSeries(new Ema(period));

    /// <summary>SMA of the close (see <see cref="Sma"/>).</summary>
    /// <param name="candles">Closed candles of one series, oldest first.</param>
    /// <param name="period">The number of periods.</param>
    /// <returns>One point per candle.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is out of range.</exception>
    public static IReadOnlyList<IndicatorPoint<double>> ToSma(this IReadOnlyList<Candle> candles, int period) =>
        candles.ToSeries(new Sma(period));

    /// <summary>Smoothed (Wilder) moving average of the close (see <see cref="Smma"/>).</summary>
    /// <param name="candles">Closed candles of one series, oldest first.</param>
    /// <param name="period">The number of periods.</param>
    /// <returns>One point per candle.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is out of range.</exception>
    public static IReadOnlyList<IndicatorPoint<double>> ToSmma(this IReadOnlyList<Candle> candles, int period) =>
        candles.ToSeries(new Smma(period));

    /// <summary>Wilder RSI of the close (see <see cref="Rsi"/>).</summary>
    /// <param name="candles">Closed candles of one series, oldest first.</param>
    /// <param name="period">The number of periods.</param>
    /// <returns>One point per candle.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is out of range.</exception>
    public static IReadOnlyList<IndicatorPoint<double>> ToRsi(this IReadOnlyList<Candle> candles, int period = 14) =>
        candles.ToSeries(new Rsi(period));

    /// <summary>Average true range (see <see cref="Atr"/>).</summary>
    /// <param name="candles">Closed candles of one series, oldest first.</param>
    /// <param name="period">The number of periods.</param>
    /// <param name="seeding">How the first value is formed.</param>
    /// <returns>One point per candle.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static IReadOnlyList<IndicatorPoint<double>> ToAtr(
        this IReadOnlyList<Candle> candles, int period = 14, AtrSeeding seeding = AtrSeeding.Wilder) =>
        candles.ToSeries(new Atr(period, seeding));

    /// <summary>True range (see <see cref="TrueRange"/>).</summary>
    /// <param name="candles">Closed candles of one series, oldest first.</param>
    /// <returns>One point per candle.</returns>
    public static IReadOnlyList<IndicatorPoint<double>> ToTrueRange(this IReadOnlyList<Candle> candles) =>
        candles.ToSeries(new TrueRange());

    /// <summary>MACD, signal and histogram (see <see cref="Macd"/>).</summary>
    /// <param name="candles">Closed candles of one series, oldest first.</param>
    /// <param name="fastPeriod">The fast EMA period.</param>
    /// <param name="slowPeriod">The slow EMA period.</param>
    /// <param name="signalPeriod">The signal EMA period.</param>
    /// <returns>One point per candle.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A period is out of range.</exception>
    public static IReadOnlyList<IndicatorPoint<MacdValue>> ToMacd(
        this IReadOnlyList<Candle> candles, int fastPeriod = 12, int slowPeriod = 26, int signalPeriod = 9) =>
        candles.ToSeries(new Macd(fastPeriod, slowPeriod, signalPeriod));

    /// <summary>Bollinger Bands (see <see cref="BollingerBands"/>).</summary>
    /// <param name="candles">Closed candles of one series, oldest first.</param>
    /// <param name="period">The number of periods.</param>
    /// <param name="k">The number of standard deviations between the middle and each band.</param>
    /// <returns>One point per candle.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static IReadOnlyList<IndicatorPoint<BollingerValue>> ToBollingerBands(
        this IReadOnlyList<Candle> candles, int period = 20, double k = 2) =>
        candles.ToSeries(new BollingerBands(period, k));

    /// <summary>Rolling population standard deviation with mean and z-score (see <see cref="StandardDeviation"/>).</summary>
    /// <param name="candles">Closed candles of one series, oldest first.</param>
    /// <param name="period">The number of periods.</param>
    /// <returns>One point per candle.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is out of range.</exception>
    public static IReadOnlyList<IndicatorPoint<StandardDeviationValue>> ToStandardDeviation(
        this IReadOnlyList<Candle> candles, int period) =>
        candles.ToSeries(new StandardDeviation(period));

    /// <summary>Heikin-Ashi candles (see <see cref="HeikinAshi"/>).</summary>
    /// <param name="candles">Closed candles of one series, oldest first.</param>
    /// <returns>One point per candle.</returns>
    public static IReadOnlyList<IndicatorPoint<HeikinAshiValue>> ToHeikinAshi(this IReadOnlyList<Candle> candles) =>
        candles.ToSeries(new HeikinAshi());
}
