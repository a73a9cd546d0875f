using QuantPulse.Model;

namespace QuantPulse.Indicators;

public sealed partial class KeltnerChannels
{
    internal static IndicatorDescriptor Descriptor { get; } = IndicatorDescriptor.Create<KeltnerChannels, ChannelValue>(
        "KELTNER",
        "Keltner channels",
        "EMA(Period) of the close plus and minus Multiplier Wilder ATR(AtrPeriod)s.",
        [
            IndicatorParameter.Period(20, 1),
            IndicatorParameter.Multiplier(2, "The number of ATRs between the centre line and each band."),
            IndicatorParameter.Period(nameof(AtrPeriod), 10, 1, "The ATR period."),
        ],
        static spec => new KeltnerChannels(spec.GetInt32(nameof(Period)), spec.GetValue(nameof(Multiplier)), spec.GetInt32(nameof(AtrPeriod))),
        static spec => DonchianChannels.ChannelColumns(
            "keltner_",
            IndicatorArguments.Format(spec.GetInt32(nameof(Period))) + "_" + IndicatorArguments.Format(spec.GetValue(nameof(Multiplier)))
                + "_" + IndicatorArguments.Format(spec.GetInt32(nameof(AtrPeriod)))),
        DonchianChannels.WriteChannel);
}

public static partial class CandleIndicatorExtensions
{
    /// <summary>Keltner channels (see <see cref="KeltnerChannels"/>).</summary>
    /// <param name="candles">Closed candles of one series, oldest first.</param>
    /// <param name="period">The EMA period.</param>
    /// <param name="multiplier">The number of ATRs between the centre line and each band.</param>
    /// <param name="atrPeriod">The ATR period.</param>
    /// <returns>One point per candle.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static IReadOnlyList<IndicatorPoint<ChannelValue>> ToKeltnerChannels(
        this IReadOnlyList<Candle> candles, int period = 20, double multiplier = 2, int atrPeriod = 10) =>
        candles.ToSeries(new KeltnerChannels(period, multiplier, atrPeriod));
}
