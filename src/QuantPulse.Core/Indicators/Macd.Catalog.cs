namespace QuantPulse.Indicators;

public sealed partial class Macd
{
    internal static IndicatorDescriptor Descriptor { get; } = IndicatorDescriptor.Create<Macd, MacdValue>(
        "MACD",
        "Moving average convergence/divergence",
        "EMA(Fast) - EMA(Slow) of the close, its EMA(Signal) signal line and the histogram; every EMA seeded with a simple mean.",
        [
            IndicatorParameter.Period("Fast", 12, 1, "The fast EMA period."),
            IndicatorParameter.Period("Slow", 26, 2, "The slow EMA period; greater than Fast."),
            IndicatorParameter.Period("Signal", 9, 1, "The signal EMA period."),
        ],
        static spec => new Macd(spec.GetInt32("Fast"), spec.GetInt32("Slow"), spec.GetInt32("Signal")),
        static spec =>
        {
            var suffix = IndicatorArguments.Format(spec.GetInt32("Fast")) + "_" + IndicatorArguments.Format(spec.GetInt32("Slow"))
                + "_" + IndicatorArguments.Format(spec.GetInt32("Signal"));
            return ["macd_" + suffix, "macd_signal_" + suffix, "macd_hist_" + suffix];
        },
        static (in MacdValue value, Span<double?> columns) =>
        {
            columns[0] = value.Macd;
            columns[1] = value.Signal;
            columns[2] = value.Histogram;
        },
        static spec => spec.GetInt32("Slow") > spec.GetInt32("Fast")
            ? null
            : $"Parameter 'Slow' of MACD must be greater than Fast ({spec.GetInt32("Fast")}); got {spec.GetInt32("Slow")}.");
}
