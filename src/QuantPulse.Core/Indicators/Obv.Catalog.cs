using QuantPulse.Model;

namespace QuantPulse.Indicators;

public sealed partial class Obv
{
    internal static IndicatorDescriptor Descriptor { get; } = IndicatorDescriptor.Create<Obv>(
        "OBV",
        "On-balance volume",
        "Running total of volume, added on an up-close and subtracted on a down-close; 0 on the first candle.",
        [],
        static _ => new Obv(),
        static _ => "obv");
}

public static partial class CandleIndicatorExtensions
{
    /// <summary>On-balance volume (see <see cref="Obv"/>).</summary>
    /// <param name="candles">Closed candles of one series, oldest first.</param>
    /// <returns>One point per candle.</returns>
    public static IReadOnlyList<IndicatorPoint<double>> ToObv(this IReadOnlyList<Candle> candles) =>
        candles.ToSeries(new Obv());
}
