using QuantPulse.Model;

namespace QuantPulse.Indicators;

public sealed partial class AtrStop
{
    internal static IndicatorDescriptor Descriptor { get; } = IndicatorDescriptor.Create<AtrStop, AtrStopValue>(
        "ATR-STOP",
        "ATR trailing stop",
        "Close (or High/Low) plus and minus Multiplier Wilder ATRs, ratcheting bands; the stop follows the band below an up-trend and above a down-trend.",
        [
            IndicatorParameter.Period(21, 1),
            IndicatorParameter.Multiplier(3, "The number of ATRs between the price and each band."),
            IndicatorParameter.ChoiceOf(nameof(EndType), AtrStopEnd.Close, "Which prices the bands are offset from: Close or HighLow."),
        ],
        static spec => new AtrStop(spec.GetInt32(nameof(Period)), spec.GetValue(nameof(Multiplier)), (AtrStopEnd)spec.GetInt32(nameof(EndType))),
        static spec =>
        {
            var prefix = (AtrStopEnd)spec.GetInt32(nameof(EndType)) == AtrStopEnd.Close ? "atr_stop" : "atr_stop_hl";
            var suffix = IndicatorArguments.Format(spec.GetInt32(nameof(Period))) + "_" + IndicatorArguments.Format(spec.GetValue(nameof(Multiplier)));
            return [prefix + "_" + suffix, prefix + "_buy_" + suffix, prefix + "_sell_" + suffix];
        },
        static (in AtrStopValue value, Span<double?> columns) =>
        {
            columns[0] = value.Stop;
            columns[1] = value.BuyStop;
            columns[2] = value.SellStop;
        });
}

public static partial class CandleIndicatorExtensions
{
    /// <summary>ATR trailing stop (see <see cref="AtrStop"/>).</summary>
    /// <param name="candles">Closed candles of one series, oldest first.</param>
    /// <param name="period">The ATR period.</param>
    /// <param name="multiplier">The number of ATRs between the price and each band.</param>
    /// <param name="endType">Which prices the bands are offset from.</param>
    /// <returns>One point per candle.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static IReadOnlyList<IndicatorPoint<AtrStopValue>> ToAtrStop(
        this IReadOnlyList<Candle> candles, int period = 21, double multiplier = 3, AtrStopEnd endType = AtrStopEnd.Close) =>
        candles.ToSeries(new AtrStop(period, multiplier, endType));
}
