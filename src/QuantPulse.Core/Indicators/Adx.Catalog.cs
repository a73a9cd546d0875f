using QuantPulse.Model;

namespace QuantPulse.Indicators;

public sealed partial class Adx
{
    internal static IndicatorDescriptor Descriptor { get; } = IndicatorDescriptor.Create<Adx, AdxValue>(
        "ADX",
        "Average directional index",
        "Wilder's directional movement: +DI and -DI from smoothed directional moves over the smoothed true range, and the ADX, the smoothed DX.",
        [IndicatorParameter.Period(14, 1)],
        static spec => new Adx(spec.GetInt32(nameof(Period))),
        static spec =>
        {
            var period = IndicatorArguments.Format(spec.GetInt32(nameof(Period)));
            return ["adx_" + period, "plus_di_" + period, "minus_di_" + period];
        },
        static (in AdxValue value, Span<double?> columns) =>
        {
            columns[0] = value.Adx;
            columns[1] = value.PlusDi;
            columns[2] = value.MinusDi;
        });
}

public static partial class CandleIndicatorExtensions
{
    /// <summary>ADX with +DI and −DI (see <see cref="Adx"/>).</summary>
    /// <param name="candles">Closed candles of one series, oldest first.</param>
    /// <param name="period">The smoothing period.</param>
    /// <returns>One point per candle.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is out of range.</exception>
    public static IReadOnlyList<IndicatorPoint<AdxValue>> ToAdx(this IReadOnlyList<Candle> candles, int period = 14) =>
        candles.ToSeries(new Adx(period));
}
