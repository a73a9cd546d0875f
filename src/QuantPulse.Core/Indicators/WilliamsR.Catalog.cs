using QuantPulse.Model;

namespace QuantPulse.Indicators;

public sealed partial class WilliamsR
{
    internal static IndicatorDescriptor Descriptor { get; } = IndicatorDescriptor.Create<WilliamsR>(
        "WILLR",
        "Williams %R",
        "Distance of the close below the Period highest high, as a share of the high-low range: -100 … 0.",
        [IndicatorParameter.Period(14, 1)],
        static spec => new WilliamsR(spec.GetInt32(nameof(Period))),
        static spec => "willr_" + IndicatorArguments.Format(spec.GetInt32(nameof(Period))));
}

public static partial class CandleIndicatorExtensions
{
    /// <summary>Williams %R (see <see cref="WilliamsR"/>).</summary>
    /// <param name="candles">Closed candles of one series, oldest first.</param>
    /// <param name="period">The look-back of the high-low range.</param>
    /// <returns>One point per candle.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is out of range.</exception>
    public static IReadOnlyList<IndicatorPoint<double>> ToWilliamsR(this IReadOnlyList<Candle> candles, int period = 14) =>
        candles.ToSeries(new WilliamsR(period));
}
