using QuantPulse.Model;

namespace QuantPulse.Indicators;

public sealed partial class Cci
{
    internal static IndicatorDescriptor Descriptor { get; } = IndicatorDescriptor.Create<Cci>(
        "CCI",
        "Commodity channel index",
        "Typical price (H+L+C)/3 minus its Period mean, over 0.015 times its mean absolute deviation.",
        [IndicatorParameter.Period(20, 2)],
        static spec => new Cci(spec.GetInt32(nameof(Period))),
        static spec => "cci_" + IndicatorArguments.Format(spec.GetInt32(nameof(Period))));
}

public static partial class CandleIndicatorExtensions
{
    /// <summary>Commodity channel index (see <see cref="Cci"/>).</summary>
    /// <param name="candles">Closed candles of one series, oldest first.</param>
    /// <param name="period">The number of candles.</param>
    /// <returns>One point per candle.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is out of range.</exception>
    public static IReadOnlyList<IndicatorPoint<double>> ToCci(this IReadOnlyList<Candle> candles, int period = 20) =>
        candles.ToSeries(new Cci(period));
}
