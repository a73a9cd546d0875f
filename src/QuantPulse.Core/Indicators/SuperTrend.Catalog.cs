using QuantPulse.Model;

namespace QuantPulse.Indicators;

public sealed partial class SuperTrend
{
    internal static IndicatorDescriptor Descriptor { get; } = IndicatorDescriptor.Create<SuperTrend, SuperTrendValue>(
        "SUPERTREND",
        "SuperTrend",
        "Mid-point (High + Low) / 2 plus and minus Multiplier Wilder ATRs, ratcheting bands; the line follows the band below an up-trend and above a down-trend.",
        [IndicatorParameter.Period(10, 1), IndicatorParameter.Multiplier(3, "The number of ATRs between the mid-point and each band.")],
        static spec => new SuperTrend(spec.GetInt32(nameof(Period)), spec.GetValue(nameof(Multiplier))),
        static spec =>
        {
            var suffix = IndicatorArguments.Format(spec.GetInt32(nameof(Period))) + "_" + IndicatorArguments.Format(spec.GetValue(nameof(Multiplier)));
            return ["supertrend_" + suffix, "supertrend_upper_" + suffix, "supertrend_lower_" + suffix];
        },
        static (in SuperTrendValue value, Span<double?> columns) =>
        {
            columns[0] = value.Line;
            columns[1] = value.UpperBand;
            columns[2] = value.LowerBand;
        });
}

public static partial class CandleIndicatorExtensions
{
    /// <summary>SuperTrend (see <see cref="SuperTrend"/>).</summary>
    /// <param name="candles">Closed candles of one series, oldest first.</param>
    /// <param name="period">The ATR period.</param>
    /// <param name="multiplier">The number of ATRs between the mid-point and each band.</param>
    /// <returns>One point per candle.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static IReadOnlyList<IndicatorPoint<SuperTrendValue>> ToSuperTrend(
        this IReadOnlyList<Candle> candles, int period = 10, double multiplier = 3) =>
        candles.ToSeries(new SuperTrend(period, multiplier));
}
