using QuantPulse.Model;

namespace QuantPulse.Indicators;

public sealed partial class Vwap
{
    internal static IndicatorDescriptor Descriptor { get; } = IndicatorDescriptor.Create<Vwap>(
        "VWAP",
        "Volume-weighted average price (session)",
        "Volume-weighted mean of the typical price (H+L+C)/3 since the start of the UTC day; none until the day has volume.",
        [],
        static _ => new Vwap(),
        static _ => "vwap");
}

public static partial class CandleIndicatorExtensions
{
    /// <summary>Session VWAP, restarting each UTC day (see <see cref="Vwap"/>).</summary>
    /// <param name="candles">Closed candles of one series, oldest first.</param>
    /// <returns>One point per candle.</returns>
    public static IReadOnlyList<IndicatorPoint<double>> ToVwap(this IReadOnlyList<Candle> candles) =>
        candles.ToSeries(new Vwap());
}
